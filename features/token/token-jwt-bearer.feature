@surface:token @needs:client-registration @needs:grant-client-credentials @needs:auth-private-key-jwt @needs:grant-jwt-bearer @needs:mtls
Feature: JWT bearer authorization grant
  A client exchanges a JWT it signed, naming a user as subject, for tokens (RFC 7523 §2.1).
  Problems with the grant's assertion are invalid_grant, not invalid_client (RFC 7523 §3.1).

  Background:
    Given the client "app" is registered for private_key_jwt with the tpp1 signing key and the jwt-bearer and refresh_token grants

  @rule:TOK-18
  Scenario: A valid grant assertion gets tokens for its subject
    When the client "app" requests a jwt-bearer token for the user "alice@bank.example" as tpp1
    Then the response status is 200
    And the response is a token response
    And the token of "app" has a refresh token
    And the access token claim "sub" is "alice@bank.example"
    And the response header "Cache-Control" is "no-store"

  # A server that answered another user's claims (a default or test user) would leak them.
  @rule:AUTHZ-21 @needs:userinfo
  Scenario: UserInfo for a jwt-bearer token names the assertion's subject
    Given the client "app" has obtained a jwt-bearer token for the user "alice@bank.example" with the scope "openid accounts" as tpp1
    When the client "app" calls userinfo with its access token as tpp1
    Then the user claims name the subject "alice@bank.example"

  @rule:WSO2-TOK-07
  Scenario: A client not registered for the refresh_token grant gets no refresh token
    Given the client "no-refresh" is registered with:
      """
      {"grant_types": ["urn:ietf:params:oauth:grant-type:jwt-bearer"], "token_endpoint_auth_method": "private_key_jwt",
       "token_endpoint_auth_signing_alg": "PS256", "jwks": {{jwks:tpp1}}}
      """
    When the client "no-refresh" requests a jwt-bearer token for the user "alice@bank.example" as tpp1
    Then the token response has no refresh token

  @rule:TOK-18
  Scenario: A jwt-bearer request without an assertion is refused
    When the client "app" requests a jwt-bearer token as tpp1 without an assertion
    Then the response status is 400
    And the response is an OAuth error "invalid_request"

  @rule:TOK-19
  Scenario Outline: A grant assertion whose <claim> is <case> is refused with invalid_grant
    When the client "app" requests a jwt-bearer token for the user "alice@bank.example" as tpp1 with a grant assertion where:
      | claim   | value   |
      | <claim> | <value> |
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"
    And the client "app" still has no token

    Examples:
      | claim | case              | value                                     |
      | aud   | another server    | "https://other-bank.example/oauth2/token" |
      | exp   | two minutes past  | now-120                                   |
      | nbf   | ten minutes ahead | now+600                                   |
      | iss   | missing           | absent                                    |
      | sub   | missing           | absent                                    |
      | jti   | missing           | absent                                    |
      | iss   | another client    | "someone-else"                            |
      | sub   | empty             | ""                                        |

    @rule:JWT-25
    Examples: time claims that are not NumericDates
      | claim | case              | value                                     |
      | exp   | a word            | "soon"                                    |
      | nbf   | a word            | "soon"                                    |

  @rule:TOK-19
  Scenario Outline: A grant assertion <variant> is refused with invalid_grant
    When the client "app" requests a jwt-bearer token for the user "alice@bank.example" as tpp1 with a grant assertion "<variant>"
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"

    Examples:
      | variant                         |
      | signed by the tpp2 key          |
      | signed with alg none            |
      | that is truncated               |
      | that is not a JWT               |
      | with a payload that is not JSON |

  @rule:TOK-19
  Scenario: A grant assertion is used once
    When the client "app" requests a jwt-bearer token for the user "alice@bank.example" as tpp1
    Then the response status is 200
    When the client "app" requests a jwt-bearer token as tpp1 reusing its previous grant assertion
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"
