@surface:introspection @needs:client-registration @needs:introspection @needs:grant-client-credentials @needs:auth-private-key-jwt @needs:mtls
Feature: Token introspection
  The key manager connector (admin Basic credentials) and clients themselves ask the Identity
  Server whether a token is active (RFC 7662).

  Background:
    Given the client "app" is registered for private_key_jwt with the tpp1 signing key
    And the client "app" has obtained a client_credentials token as tpp1

  @rule:INTRO-03
  Scenario: An active token is reported active, as JSON, with members that describe it
    When the access token of "app" is introspected
    Then the introspection says the token is active
    And the response Content-Type is "application/json"
    And the introspection members that are present describe the client_credentials token of "app"

  @rule:WSO2-TOK-04
  Scenario: The admin introspects an active access token
    When the admin introspects the access token of "app"
    Then the introspection says the token is active
    And the response Content-Type is "application/json"
    And the response member "client_id" is "{{client_id:app}}"
    And the response member "scope" is "accounts"
    And the response member "token_type" is "Bearer"
    And the response has the member "exp"
    And the response has the member "iat"
    And the response member "sub" is "{{client_id:app}}"
    And the response header "Cache-Control" is "no-store"
    # TokenValidationHandler: jti, for a JWT access token only.
    And the response member "jti" is the claim "jti" of the access token of "app"

  # Identity Server's TokenValidationHandler names the validator that found the token:
  # RefreshTokenValidator's token type is "Refresh".
  @rule:WSO2-TOK-04 @needs:grant-jwt-bearer
  Scenario: The admin introspects a refresh token, reported with the token type Refresh
    Given the client "holder" is registered for private_key_jwt with the tpp1 signing key and the jwt-bearer and refresh_token grants
    And the client "holder" has obtained a jwt-bearer token for the user "alice@bank.example" as tpp1
    When the admin introspects the refresh token of "holder"
    Then the introspection says the token is active
    And the response member "client_id" is "{{client_id:holder}}"
    And the response member "token_type" is "Refresh"

  @rule:INTRO-02
  Scenario: A client introspects its own token with its own authentication
    When the client "app" introspects the access token of "app" as tpp1
    Then the introspection says the token is active

  @rule:INTRO-02 @profile:generic
  Scenario: A public client cannot introspect, even over mTLS: it is not authenticated
    Given the client "public" is registered with:
      """
      {"grant_types": ["authorization_code"], "token_endpoint_auth_method": "none", "ext_public_client": true, "redirect_uris": ["https://tpp.example/callback"]}
      """
    When the client "public" introspects the access token of "app" as tpp1
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  @rule:INTRO-04 @rule:INTRO-07
  Scenario Outline: An unknown token (<case>) is inactive and nothing more
    When the token "<token>" is introspected
    Then the introspection says only that the token is inactive

    Examples:
      | case               | token                                  |
      | opaque             | 5b9f6c2e-0000-4000-8000-000000000000   |
      | not a sandbox JWT  | eyJhbGciOiJub25lIn0.eyJqdGkiOiJ4In0.   |

  @rule:INTRO-05 @needs:clock-control
  Scenario: An expired token is inactive
    When 3700 seconds pass on the target
    And the access token of "app" is introspected
    Then the introspection says only that the token is inactive

  # RFC 7519 §4.1.4: the current time MUST be before exp; on the second of exp the token has expired.
  @rule:INTRO-05 @needs:clock-control
  Scenario Outline: An access token introspected <when> is answered as such (active before exp, expired at it)
    Given the target's clock stands still
    And the target's clock stands <offset> seconds from the exp of the access token of "app"
    When the access token of "app" is introspected
    Then the introspection says <outcome>

    Examples:
      | when                 | offset | outcome                          |
      | a second before exp  | -1     | the token is active              |
      | at exp               | 0      | only that the token is inactive  |

  @rule:INTRO-06
  Scenario: A revoked token is inactive
    When the client "app" revokes the access token of "app" as tpp1
    And the access token of "app" is introspected
    Then the introspection says only that the token is inactive

  @rule:INTRO-08 @needs:grant-jwt-bearer
  Scenario: A wrong token_type_hint does not make the lookup miss
    Given the client "holder" is registered for private_key_jwt with the tpp1 signing key and the jwt-bearer and refresh_token grants
    And the client "holder" has obtained a jwt-bearer token for the user "alice@bank.example" as tpp1
    When the refresh token of "holder" is introspected with the hint "access_token"
    Then the introspection says the token is active
    When the access token of "holder" is introspected with the hint "refresh_token"
    Then the introspection says the token is active

  @rule:INTRO-09 @rule:WSO2-ISDCR-06
  Scenario: The token of a deleted client is inactive
    When the admin deletes the IS DCR client "app"
    And the access token of "app" is introspected
    Then the introspection says only that the token is inactive

  @rule:INTRO-10
  Scenario: A client cannot see another client's token
    Given the client "other" is registered for private_key_jwt with the tpp2 signing key
    When the client "other" introspects the access token of "app" as tpp2
    Then the introspection says only that the token is inactive
    When the access token of "app" is introspected
    Then the introspection says the token is active

  @rule:INTRO-01
  Scenario: Introspection without a token parameter is refused
    When an introspection request without a token is sent
    Then the response status is 400
    And the response is an OAuth error "invalid_request"

  @rule:INTRO-02 @rule:ERR-03
  Scenario: A caller without credentials is refused
    When a caller without credentials introspects the access token of "app"
    Then the response status is 400 or 401
    And the response is an OAuth error "invalid_client"

  @rule:INTRO-02 @rule:ERR-02
  Scenario: A caller whose Basic credentials fail is refused with a Basic challenge
    When a caller with a wrong admin password introspects the access token of "app"
    Then the response status is 401
    And the response is an OAuth error "invalid_client"
    And the response header "WWW-Authenticate" starts with "Basic"

  @rule:WSO2-TOK-06
  Scenario Outline: A caller <who> is refused with a Basic challenge
    When a caller <who> introspects the access token of "app"
    Then the response status is 401
    And the response is an OAuth error "invalid_client"
    And the response header "WWW-Authenticate" starts with "Basic"

    Examples:
      | who                       |
      | without credentials       |
      | with a wrong admin password |

  @rule:INTRO-01
  Scenario: Introspection by GET is refused and reveals nothing
    When the client "app" sends GET to the introspection endpoint for its access token
    Then the response status is a 4xx
    And the response says nothing about the token
