@surface:token @needs:client-registration @needs:psu-login @needs:grant-authorization-code @needs:mtls
Feature: The authorization_code grant
  The TPP redeems the code at the token endpoint with tls_client_auth over its transport
  certificate, the redirect URI of the authorization request and its PKCE verifier.

  Background:
    Given tpp1 has registered the authorization code client "app"

  @rule:PKCE-08 @rule:AUTHZ-15
  Scenario: The code and its PKCE verifier are exchanged for an access token and an ID token
    When the PSU authorizes "app"
    And the PSU is redirected back with an authorization code
    And "app" redeems the authorization code
    Then the token response has an access token and an ID token for the client and the nonce

  @rule:CNF-01 @needs:bound-tokens
  Scenario: The code flow's access token is bound to the certificate the code was redeemed over
    When the PSU authorizes "app"
    And the PSU is redirected back with an authorization code
    And "app" redeems the authorization code
    Then the response status is 200
    And the access token of "app" is bound to the certificate of tpp1

  @rule:WSO2-AUTHZ-01
  Scenario: The code is exchanged for certificate-bound tokens and an ID token
    When the PSU authorizes "app"
    And the PSU is redirected back with an authorization code
    And "app" redeems the authorization code
    Then the token response has an access token, a refresh token and an ID token for the nonce
    And the access token of "app" is bound to the certificate of tpp1

  @rule:TOK-08
  Scenario: Scopes the client may not have are dropped at the authorization endpoint
    When the PSU authorizes "app" with:
      | scope | openid accounts admin:everything |
    And the PSU is redirected back with an authorization code
    And "app" redeems the authorization code
    Then the granted scope is "openid accounts"

  @rule:TOK-08
  Scenario: A scope the client may not have is refused, or left out of the grant
    When the PSU authorizes "app" with:
      | scope | openid admin:everything |
    Then the scope "admin:everything" is refused with invalid_scope or left out of what "app" is granted

  @rule:TOK-09
  Scenario Outline: An unknown authorization code is refused (<case>)
    When the PSU authorizes "app"
    And the PSU is redirected back with an authorization code
    And "app" redeems the authorization code with:
      | code | <code> |
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"

    Examples:
      | case           | code                                        |
      | made up        | not-a-code-the-server-issued                |
      | code-shaped    | AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA |

  @rule:TOK-09 @needs:clock-control
  Scenario: An expired authorization code is refused
    When the PSU authorizes "app"
    And the PSU is redirected back with an authorization code
    And 601 seconds pass on the authorization server
    And "app" redeems the authorization code
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"

  @rule:ERR-01
  Scenario: A token request without the code parameter is refused as invalid_request
    When the PSU authorizes "app"
    And the PSU is redirected back with an authorization code
    And "app" redeems the authorization code with:
      | code | <absent> |
    Then the response status is 400
    And the response is an OAuth error "invalid_request"

  @rule:TOK-10
  Scenario: A code is single-use, and its reuse revokes the tokens issued from it
    When the PSU authorizes "app"
    And the PSU is redirected back with an authorization code
    And "app" redeems the authorization code
    And the response status is 200
    And "app" redeems the authorization code again
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"
    When "app" calls userinfo with its first access token
    Then the response status is 401
    And the Bearer challenge has the error "invalid_token"

  # RFC 6749 §4.1.2: a code used more than once MUST be denied, also when the copies arrive
  # together: the check and the use of a code must be one step.
  @rule:TOK-10
  Scenario: One code sent in four token requests at once is redeemed once
    When the PSU authorizes "app"
    And the PSU is redirected back with an authorization code
    And "app" redeems the authorization code in 4 token requests at once
    Then exactly one of those requests is answered 200 and the others 400

  @rule:TOK-11
  Scenario: A code issued to one client cannot be redeemed by another
    Given tpp2 has registered the authorization code client "other"
    When the PSU authorizes "app"
    And the PSU is redirected back with an authorization code
    And "other" redeems the authorization code issued to "app"
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"

  @rule:TOK-12
  Scenario Outline: The redirect_uri of the token request must be the authorization request's (<case>)
    When the PSU authorizes "app"
    And the PSU is redirected back with an authorization code
    And "app" redeems the authorization code with:
      | redirect_uri | <uri> |
    Then the response status is 400
    And the response is an OAuth error "<error>"

    Examples:
      | case           | uri                           | error           |
      | another URI    | https://tpp.example/other     | invalid_grant   |
      | trailing slash | https://tpp.example/callback/ | invalid_grant   |
      | missing        | <absent>                      | invalid_request |

  @rule:TOK-09
  Scenario: A failed redemption does not use up the code
    When the PSU authorizes "app"
    And the PSU is redirected back with an authorization code
    And "app" redeems the authorization code with the code_verifier "abcdefghijabcdefghijabcdefghijabcdefghij-._~"
    And the response status is 400
    And "app" redeems the authorization code
    Then the response status is 200

  @rule:WSO2-TOK-07
  Scenario: A client not registered for the refresh_token grant gets no refresh token
    Given tpp1 has registered the authorization code client "code-only" with:
      """
      {"grant_types": ["authorization_code"]}
      """
    And "code-only" has obtained tokens through the authorization code flow
    Then the token response has no refresh token
