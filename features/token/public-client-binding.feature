@surface:token @needs:client-registration @needs:psu-login @needs:grant-authorization-code @needs:bound-tokens @needs:mtls @needs:auth-none @profile:generic
Feature: A public client's certificate binds its tokens
  RFC 8705 §4: mutual-TLS client authentication and certificate-bound tokens are independent; a
  public client may present a certificate on its token request, which binds the access token
  without authenticating the client. It stays public: the certificate is no failed tls_client_auth.

  # ext_public_client is Identity Server's member for a public client; others ignore it (RFC 7591 §2).
  @rule:CNF-10 @optional
  Scenario: A public client that presents a certificate gets an access token bound to it
    Given tpp1 has registered the code flow client "pub" with:
      """
      {"token_endpoint_auth_method": "none", "ext_public_client": true, "tls_client_certificate_bound_access_tokens": true}
      """
    When "pub" has obtained tokens through a plain authorization code flow
    Then the access token is bound to the tpp1 transport certificate
