@surface:token @needs:client-registration @needs:grant-client-credentials @needs:auth-private-key-jwt @needs:mtls
Feature: Client credentials tokens
  A TPP gets an application access token with the client_credentials grant, authenticating with
  private_key_jwt over mutual TLS, exactly as the Open Banking DCR try-out does (seed 004).

  Background:
    Given the client "app" is registered for private_key_jwt with the tpp1 signing key

  @rule:TOK-06
  Scenario: A client_credentials request gets an access token
    When the client "app" requests a client_credentials token with scope "accounts" as tpp1
    Then the response status is 200
    And the response Content-Type is "application/json"
    And the response is a token response

  @rule:TOK-06 @optional
  Scenario: A client_credentials response carries no refresh token
    When the client "app" requests a client_credentials token with scope "accounts" as tpp1
    Then the response status is 200
    And the response does not have the member "refresh_token"

  # RFC 6749 §4.4.3: "A refresh token SHOULD NOT be included", whatever else the client may use.
  @rule:TOK-06 @optional @needs:grant-refresh-token
  Scenario: A client also registered for the refresh_token grant gets no refresh token with client_credentials
    Given the client "both" is registered with:
      """
      {"grant_types": ["client_credentials", "refresh_token"], "response_types": [], "token_endpoint_auth_method": "private_key_jwt",
       "token_endpoint_auth_signing_alg": "PS256", "jwks": {{jwks:tpp1}}, "tls_client_certificate_bound_access_tokens": true}
      """
    When the client "both" requests a client_credentials token with scope "accounts" as tpp1
    Then the response status is 200
    And the response does not have the member "refresh_token"

  @rule:TOK-07
  Scenario: A token response is not to be cached
    When the client "app" requests a client_credentials token with scope "accounts" as tpp1
    Then the response status is 200
    And the response header "Cache-Control" is "no-store"
    And the response header "Pragma" is "no-cache"

  @rule:WSO2-TOK-01
  Scenario: The seed's client_credentials call gets an application token
    When the client "app" sends a token request as tpp1 with:
      | field        | value                          |
      | grant_type   | client_credentials             |
      | scope        | accounts openid                |
      | redirect_uri | https://tpp.example/callback   |
    Then the response status is 200
    And the response Content-Type is "application/json"
    And the response is a token response
    And the granted scope is "accounts openid"
    And the response does not have the member "refresh_token"
    And the response header "Cache-Control" is "no-store"
    And the response header "Pragma" is "no-cache"

  @rule:WSO2-TOK-03
  Scenario: The application access token is a JWT naming the client
    When the client "app" requests a client_credentials token with scope "accounts" as tpp1
    Then the response status is 200
    And the access token is a JWT signed by the server
    And the access token claim "sub" is "{{client_id:app}}"
    And the access token claim "client_id" is "{{client_id:app}}"
    And the access token claim "aud" is "{{client_id:app}}"
    And the access token claim "scope" is "accounts"

  @rule:TOK-08
  Scenario: Requested scopes beyond the registered ones are narrowed
    Given the client "narrow" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "private_key_jwt",
       "token_endpoint_auth_signing_alg": "PS256", "jwks": {{jwks:tpp1}}, "scope": "accounts"}
      """
    When the client "narrow" requests a client_credentials token with scope "accounts payments" as tpp1
    Then the scope is refused with invalid_scope or narrowed to "accounts"

  @rule:TOK-08
  Scenario: A request for only scopes the client may not have is refused
    Given the client "narrow" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "private_key_jwt",
       "token_endpoint_auth_signing_alg": "PS256", "jwks": {{jwks:tpp1}}, "scope": "accounts"}
      """
    When the client "narrow" requests a client_credentials token with scope "payments" as tpp1
    Then the response status is 400
    And the response is an OAuth error "invalid_scope"
    And the client "narrow" still has no token

  @rule:TOK-21 @profile:uk
  Scenario: UK: the management token is issued without a scope
    When the client "app" requests a client_credentials token as tpp1
    Then the response status is 200
    And the response is a token response

  @rule:TOK-22 @profile:cdr
  Scenario: CDR: cdr:registration is granted to a client that may have it
    When the client "app" requests a client_credentials token with scope "cdr:registration" as tpp1
    Then the response status is 200
    And the granted scope is "cdr:registration"

  @profile:generic @rule:TOK-06
  Scenario Outline: Generic profile: a client authenticating with <method> gets a token
    Given the client "secret" is registered for <method> with a client secret
    When the client "secret" requests a client_credentials token with scope "accounts" without a client certificate
    Then the response status is 200
    And the response is a token response
    And the response does not have the member "refresh_token"

    Examples:
      | method              |
      | client_secret_basic |
      | client_secret_post  |

  @rule:TOK-25
  Scenario: A public client gets no client_credentials token
    When the client "public" registers with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "none"}
      """
    Then the registration is refused, or the client "public" gets no client_credentials token as tpp1

  @rule:WSO2-TOK-05 @profile:generic
  Scenario: A public client cannot use the client_credentials grant
    Given the client "public" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "none", "ext_public_client": true}
      """
    When the client "public" requests a client_credentials token as tpp1
    Then the response status is 401
    And the response is an OAuth error "invalid_client"
    And the client "public" still has no token
