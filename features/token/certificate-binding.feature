@surface:token @needs:client-registration @needs:grant-client-credentials @needs:auth-private-key-jwt @needs:bound-tokens @needs:mtls
Feature: Certificate-bound access tokens
  Access tokens issued over mutual TLS carry the thumbprint of the client certificate (RFC 8705 §3),
  and the FAPI-based UK and CDR profiles issue no other kind.

  @rule:CNF-01
  Scenario: A token requested over mTLS is bound to the client certificate
    Given the client "app" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "private_key_jwt",
       "token_endpoint_auth_signing_alg": "PS256", "jwks": {{jwks:tpp1}},
       "tls_client_certificate_bound_access_tokens": true}
      """
    When the client "app" requests a client_credentials token with scope "accounts" as tpp1
    Then the response status is 200
    And the access token is bound to the tpp1 transport certificate

  @rule:CNF-01
  Scenario: A tls_client_auth client's token is bound to the certificate it authenticated with
    Given the client "mtls" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "tls_client_auth",
       "tls_client_auth_subject_dn": "{{subject_dn:tpp1}}", "tls_client_certificate_bound_access_tokens": true}
      """
    When the client "mtls" requests a client_credentials token with scope "accounts" as tpp1
    Then the response status is 200
    And the access token is bound to the tpp1 transport certificate

  @rule:CNF-02
  Scenario: Introspection of a bound token returns its cnf
    Given the client "app" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "private_key_jwt",
       "token_endpoint_auth_signing_alg": "PS256", "jwks": {{jwks:tpp1}},
       "tls_client_certificate_bound_access_tokens": true}
      """
    And the client "app" has obtained a client_credentials token as tpp1
    When the access token of "app" is introspected
    Then the introspection says the token is active
    And the introspection member "cnf" holds the thumbprint of the tpp1 transport certificate

  @rule:CNF-05 @profile:fapi
  Scenario: FAPI: no token is issued without a client certificate
    Given the client "app" is registered for private_key_jwt with the tpp1 signing key
    When the client "app" requests a client_credentials token with scope "accounts" without a client certificate
    Then the response status is 400
    And the response is an OAuth error "invalid_request"
    And in the WSO2 dialect the error description is "A client certificate is required for certificate-bound access tokens"
    And the client "app" still has no token

  @rule:CNF-05 @profile:fapi
  Scenario: FAPI: every token issued over mTLS is bound, even without the client asking
    Given the client "app" is registered for private_key_jwt with the tpp1 signing key
    When the client "app" requests a client_credentials token with scope "accounts" as tpp1
    Then the response status is 200
    And the access token is bound to the tpp1 transport certificate

  @rule:CNF-07 @profile:generic
  Scenario: Generic profile: a client that asked for bound tokens gets none without a certificate
    Given the client "secret" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "client_secret_post",
       "tls_client_certificate_bound_access_tokens": true}
      """
    When the client "secret" requests a client_credentials token with scope "accounts" without a client certificate
    Then the response status is 400
    And the response is one of the OAuth errors "invalid_request, invalid_grant"

  # CNF-07: tls_client_certificate_bound_access_tokens defaults to false, so without it a token
  # requested over mTLS is a plain bearer token.
  @rule:CNF-07 @profile:generic
  Scenario: Generic profile: a secret-authenticated client without binding gets a bearer token
    Given the client "secret" is registered for client_secret_post with a client secret
    When the client "secret" requests a client_credentials token with scope "accounts" as tpp1
    Then the response status is 200
    And the access token has no cnf claim

  @rule:CNF-08
  Scenario: A token bound to tpp1's certificate is refused over another certificate for the same key
    Given tpp1 has a re-issued transport certificate with the same key
    And tpp1 has registered the authorization code client "web"
    And "web" has obtained tokens through the authorization code flow
    When "web" presents its access token at userinfo over the connection of tpp1
    Then the response status is 200
    When "web" presents its access token at userinfo over the re-issued tpp1 certificate
    Then the response status is 401
    And the Bearer challenge has the error "invalid_token"
    And the response is an OAuth error "invalid_token"

  @rule:TOK-20 @profile:fapi
  Scenario Outline: FAPI: no bearer access token lives longer than ten minutes (<case>)
    Given the client "app" is registered for private_key_jwt with the tpp1 signing key
    When the client "app" requests a client_credentials token with scope "accounts" <how>
    Then no unbound access token living longer than 600 seconds was issued

    Examples:
      | case                          | how                          |
      | a request without certificate | without a client certificate |
      | a request over mTLS           | as tpp1                      |
