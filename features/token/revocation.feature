@surface:revocation @needs:client-registration @needs:revocation @needs:grant-client-credentials @needs:auth-private-key-jwt @needs:mtls
Feature: Token revocation
  A client revokes its own tokens (RFC 7009); a revoked token is inactive from then on.

  Background:
    Given the client "app" is registered for private_key_jwt with the tpp1 signing key
    And the client "app" has obtained a client_credentials token as tpp1

  @rule:REV-03
  Scenario: Revoking a valid token makes it inactive
    When the client "app" revokes the access token of "app" as tpp1
    Then the response status is 200
    And the response body is empty
    When the access token of "app" is introspected
    Then the introspection says only that the token is inactive

  @rule:REV-04
  Scenario: Revoking an unknown token still answers 200
    When the client "app" revokes the token "no-such-token-5b9f6c2e" as tpp1
    Then the response status is 200
    And the response body is empty

  @rule:REV-04
  Scenario: Revoking a token twice answers 200 both times
    When the client "app" revokes the access token of "app" as tpp1
    And the client "app" revokes the access token of "app" as tpp1
    Then the response status is 200

  @rule:REV-05
  Scenario Outline: Revocation with the hint <hint> still revokes the access token
    When the client "app" revokes the access token of "app" as tpp1 with the hint "<hint>"
    Then the response status is 200
    When the access token of "app" is introspected
    Then the introspection says only that the token is inactive

    Examples:
      | hint          |
      | refresh_token |
      | access_token  |
      | id_token      |

  @rule:REV-07 @optional @needs:grant-jwt-bearer
  Scenario: Revoking a refresh token also ends the access tokens of its grant
    Given the client "holder" is registered for private_key_jwt with the tpp1 signing key and the jwt-bearer and refresh_token grants
    And the client "holder" has obtained a jwt-bearer token for the user "alice@bank.example" as tpp1
    When the client "holder" revokes the refresh token of "holder" as tpp1
    Then the response status is 200
    When the access token of "holder" is introspected
    Then the introspection says only that the token is inactive
    When the refresh token of "holder" is introspected
    Then the introspection says only that the token is inactive

  @rule:REV-08
  Scenario: A client cannot revoke another client's token
    Given the client "other" is registered for private_key_jwt with the tpp2 signing key
    When the client "other" revokes the access token of "app" as tpp2
    Then the response is a well-formed JSON error with a 4xx status
    And in the WSO2 dialect the response status is 401
    And in the WSO2 dialect the response body is exactly:
      """
      {"error": "unauthorized_client", "error_description": "Client Authentication failed."}
      """
    And in the WSO2 dialect the response header "WWW-Authenticate" starts with "Basic"
    When the access token of "app" is introspected
    Then the introspection says the token is active

  @rule:REV-01
  Scenario: Revocation without a token parameter is refused
    When the client "app" revokes without a token as tpp1
    Then the response status is 400
    And the response is an OAuth error "invalid_request"

  @rule:REV-02 @rule:ERR-03
  Scenario: Revocation without client authentication is refused and revokes nothing
    When a caller without credentials revokes the access token of "app" as tpp1
    Then the response status is 400 or 401
    And the response is an OAuth error "invalid_client"
    When the access token of "app" is introspected
    Then the introspection says the token is active

  @rule:WSO2-TOK-06
  Scenario: Revocation without client authentication is refused with a Basic challenge
    When a caller without credentials revokes the access token of "app" as tpp1
    Then the response status is 401
    And the response is an OAuth error "invalid_client"
    And the response header "WWW-Authenticate" starts with "Basic"
    When the access token of "app" is introspected
    Then the introspection says the token is active

  @rule:REV-01
  Scenario: Revocation by GET is refused and revokes nothing
    When the client "app" sends GET to the revocation endpoint for its access token
    Then the response status is a 4xx
    When the access token of "app" is introspected
    Then the introspection says the token is active
