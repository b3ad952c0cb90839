@surface:discovery
Feature: Metadata that admits what the server serves
  A client learns a server's features from its metadata (RFC 8414 §2, OIDC Discovery §3), and so
  does the harness: a feature the server serves while its metadata denies it is one no client will
  use, and one whose scenarios the harness would skip. Each scenario uses the feature first and
  reads the metadata only when the server served it (DISC-17 does the same for client
  authentication methods).

  @rule:DISC-18
  Scenario: The client_credentials grant, once served, is listed in grant_types_supported
    Given the client "c" is registered for the private_key_jwt method where the target allows it
    When the client "c" requests a client_credentials token with scope "accounts" as tpp1
    Then a token issued to it means the metadata lists client_credentials in "grant_types_supported"

  @rule:DISC-18 @needs:client-registration @needs:psu-login @needs:grant-authorization-code @needs:mtls
  Scenario: The refresh_token grant, once served, is listed in grant_types_supported
    Given tpp1 has registered the authorization code client "app"
    And "app" has obtained tokens with offline access through the authorization code flow
    When "app" refreshes its tokens, where it was given a refresh token
    Then a token issued to it means the metadata lists refresh_token in "grant_types_supported"

  @rule:DISC-18 @needs:client-registration @needs:psu-login @needs:grant-authorization-code @needs:mtls
  Scenario: A request object, once served, is admitted by request_parameter_supported
    Given tpp1 has registered the authorization code client "app"
    When the PSU authorizes "app"
    Then a code returned through the request object means the metadata has "request_parameter_supported" true

  # ext_pkce_support_plain is how WSO2 Identity Server enables plain per client (PKCE-08); a server
  # that does not know the member ignores it (RFC 7591 §2) and either serves plain or not.
  @rule:DISC-18 @needs:client-registration @needs:psu-login @needs:grant-authorization-code @needs:mtls
  Scenario: The plain PKCE method, once served, is listed in code_challenge_methods_supported
    Given tpp1 has registered the authorization code client "app" with:
      """
      {"ext_pkce_support_plain": true}
      """
    When the PSU authorizes "app" with:
      | code_challenge_method | plain |
    Then a code returned means the metadata lists plain in "code_challenge_methods_supported"

  # OIDC Discovery §3: request_uri_parameter_supported defaults to true, so a server without
  # request_uri has to say false, and then refuses one (OIDC Core §3.1.2.6).
  @rule:DISC-19 @needs:client-registration @needs:psu-login @needs:grant-authorization-code @needs:request-objects
  Scenario: A request object by reference is served or refused as request_uri_parameter_supported says
    Given tpp1 has registered the authorization code client "app"
    When the PSU authorizes "app" with its request object by reference
    Then the request by reference is answered as the metadata says
