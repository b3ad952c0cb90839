@surface:userinfo @needs:client-registration @needs:psu-login @needs:grant-authorization-code @needs:userinfo @profile:generic
Feature: UserInfo for any OpenID provider (OIDC Core §5.3, RFC 6750 §2)
  The access token of a plain code flow with scope openid is presented at the userinfo endpoint
  of discovery. Under the FAPI profiles the plain code request is refused (AUTHZ-01); the WSO2
  scenarios of userinfo.feature check the product there.

  Background:
    Given tpp1 has registered the code flow client "app"
    And "app" has obtained tokens through a plain authorization code flow

  @rule:AUTHZ-12
  Scenario: GET with the token in the Authorization header returns the user's claims with the ID token's subject
    When "app" calls userinfo with its access token in the Authorization header
    Then the response status is 200
    And the response Content-Type is "application/json"
    And the user claims have the subject of the ID token of "app"

  @rule:AUTHZ-12
  Scenario: POST with the token in the Authorization header returns the same subject
    When "app" calls userinfo with its access token by POST
    Then the response status is 200
    And the user claims have the subject of the ID token of "app"

  @rule:AUTHZ-13 @optional
  Scenario: The token may be sent in a form-encoded POST body
    When "app" calls userinfo with its access token in the form body
    Then the response status is 200
    And the user claims have the subject of the ID token of "app"

  @rule:AUTHZ-14 @optional
  Scenario: A token sent by two methods at once is an invalid request
    When "app" calls userinfo with its access token in both the header and the form body
    Then the response status is 400
    And the Bearer challenge has the error "invalid_request"

  # RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token; RFC 9110 §11.1: the scheme is case-insensitive.
  @rule:AUTHZ-19
  Scenario: A Bearer credential with two spaces after the scheme is accepted
    When "app" calls userinfo with its access token after "Bearer " in the Authorization header
    Then the response status is 200
    And the user claims have the subject of the ID token of "app"

  @rule:AUTHZ-19
  Scenario: A Bearer credential with the scheme in lower case is accepted
    When "app" calls userinfo with its access token after "bearer" in the Authorization header
    Then the response status is 200
    And the user claims have the subject of the ID token of "app"

  @rule:ERR-06
  Scenario: The Bearer scheme written twice is a malformed credential
    When "app" calls userinfo with its access token after "Bearer Bearer" in the Authorization header
    Then the response status is 400
    And the Bearer challenge has the error "invalid_request"

  # RFC 6750 §3.1: a request with another authentication scheme lacks a Bearer credential.
  @rule:ERR-07 @optional
  Scenario: An access token under another scheme name is no Bearer credential
    When "app" calls userinfo with its access token after "NotBearer" in the Authorization header
    Then the response status is 401
    And the response has a Bearer challenge
    And the response carries no error code

  # OIDC Core §5.3: claims are for an access token obtained through OpenID Connect authentication.
  @rule:AUTHZ-18
  Scenario: An access token not issued for openid gets no user claims
    Given tpp1 has registered the code flow client "plain"
    And "plain" has obtained tokens through a plain authorization code flow for the scope "accounts"
    When "plain" calls userinfo with its access token in the Authorization header
    Then the response status is 403
    And the Bearer challenge has the error "insufficient_scope"

  @rule:AUTHZ-13
  Scenario: A POST body that is not form-encoded does not carry the token (RFC 6750 §2.2)
    When "app" calls userinfo by POST with its access token as access_token in a "text/plain" body
    Then the userinfo request is not authenticated

  # RFC 6749 §3.1: request parameters MUST NOT be included more than once.
  @rule:AUTHZ-14
  Scenario: An access_token sent twice in the form body does not authenticate the request
    When "app" calls userinfo with its access token twice in the form body
    Then the userinfo request is not authenticated
