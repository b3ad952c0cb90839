@surface:userinfo @needs:client-registration @needs:psu-login @needs:grant-authorization-code @needs:userinfo @needs:mtls
Feature: UserInfo and SCIM /Me
  The PSU's claims are served to a bearer of an access token issued for the PSU (OIDC Core 5.3);
  the key manager reads the user from /scim2/Me (seed 000). Errors follow RFC 6750 3.

  @rule:WSO2-AUTHZ-09
  Scenario: userinfo returns the PSU's claims with the ID token's subject
    Given tpp1 has registered the authorization code client "app"
    And "app" has obtained tokens through the authorization code flow
    When "app" calls userinfo with its access token
    Then the response status is 200
    And the response Content-Type is "application/json"
    And the user claims have the subject of the ID token of "app"
    # Identity Server: OpenIDConnectUserEndpoint.getResponseBuilderWithCacheControlHeaders.
    And the response header "Cache-Control" is "no-store"
    And the response header "Pragma" is "no-cache"

  @rule:WSO2-AUTHZ-09
  Scenario: userinfo also answers POST
    Given tpp1 has registered the authorization code client "app"
    And "app" has obtained tokens through the authorization code flow
    When "app" calls userinfo with its access token by POST
    Then the response status is 200
    And the user claims have the subject of the ID token of "app"

  @rule:WSO2-AUTHZ-13
  Scenario: userinfo takes the token from a form-encoded body, as Identity Server does
    Given tpp1 has registered the authorization code client "app"
    And "app" has obtained tokens through the authorization code flow
    When "app" calls userinfo with its access token in the form body
    Then the response status is 200
    And the user claims have the subject of the ID token of "app"

  @rule:WSO2-AUTHZ-13
  Scenario: A token sent by two methods at once is an invalid request
    Given tpp1 has registered the authorization code client "app"
    And "app" has obtained tokens through the authorization code flow
    When "app" calls userinfo with its access token in both the header and the query
    Then the response status is 400
    And the Bearer challenge has the error "invalid_request"

  # RFC 6750 §3: a challenge may carry a realm and other parameters, so only its scheme is checked.
  @rule:ERR-07 @optional
  Scenario: A request without a token gets a challenge without an error code
    When a client calls userinfo without an access token
    Then the response status is 401
    And the response has a Bearer challenge
    And the response carries no error code

  @rule:ERR-06
  Scenario Outline: A token the server did not issue is refused (<case>)
    When a client calls userinfo with the Authorization header "<header>"
    Then the response status is 401
    And the Bearer challenge has the error "invalid_token"
    And the response is an OAuth error "invalid_token"

    Examples:
      | case               | header                                                    |
      | random value       | Bearer not-a-token-the-server-issued                      |
      | unsigned JWT       | Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJwc3UifQ.            |
      | forged JWT         | Bearer eyJhbGciOiJQUzI1NiJ9.eyJzdWIiOiJwc3UifQ.c2lnbmF0dXJl |

  @rule:ERR-06
  Scenario: A malformed Bearer credential is a bad request
    When a client calls userinfo with the Authorization header "Bearer two words"
    Then the response status is 400
    And the Bearer challenge has the error "invalid_request"

  @rule:ERR-06 @needs:clock-control
  Scenario: An expired access token is refused
    Given tpp1 has registered the authorization code client "app"
    And "app" has obtained tokens through the authorization code flow
    When 3601 seconds pass on the authorization server
    And "app" calls userinfo with its access token
    Then the response status is 401
    And the Bearer challenge has the error "invalid_token"

  @rule:WSO2-AUTHZ-09
  Scenario: A client credentials token has no user and is refused with insufficient_scope
    Given tpp1 has registered the authorization code client "app"
    When "app" obtains a client credentials token with the scope "openid accounts"
    And "app" calls userinfo with its access token
    Then the response status is 403
    And the Bearer challenge has the error "insufficient_scope"
    And the response is an OAuth error "insufficient_scope"

  @rule:WSO2-AUTHZ-10
  Scenario: SCIM /Me returns the PSU as a SCIM user
    Given tpp1 has registered the authorization code client "app"
    And "app" has obtained tokens through the authorization code flow
    When "app" calls SCIM Me with its access token
    Then the response is a SCIM user with the subject of the ID token of "app"

  @rule:WSO2-AUTHZ-10
  Scenario: SCIM /Me without a token answers a SCIM error
    When a client calls SCIM Me without an access token
    Then the response is a SCIM error with the status "401"
    And the response header "WWW-Authenticate" is "Bearer"
