@surface:is-dcr @needs:admin-api
Feature: The registration response shows the values the server chose
  RFC 7591 §3.2.1: the response carries all registered metadata, including values the server
  defaulted; a client that named no ID token algorithm learns the one it will get (issue 16
  point 10).

  @rule:DCR-REQ-02
  Scenario: A client registered without id_token_signed_response_alg is told the default
    When the admin registers the IS DCR client "oidc" with:
      """
      {"client_name": "{{unique:oidc}}", "grant_types": ["authorization_code"], "redirect_uris": ["https://tpp.example/callback"]}
      """
    Then the response status is 201
    And the response member "id_token_signed_response_alg" is a non-empty string

  # DCRMService.buildResponse: the ApplicationDTO's flags are primitives, so a client that set none
  # reads each as false; a client without redirect URIs has an empty list.
  @rule:WSO2-ISDCR-01
  Scenario: The ApplicationDTO of a client that sent no flags shows each as false
    When the admin registers the IS DCR client "plain" with:
      """
      {"client_name": "{{unique:plain}}", "grant_types": ["client_credentials"]}
      """
    Then the response status is 201
    And the response member "redirect_uris" is the JSON "[]"
    And the response member "subject_type" is "public"
    And the response member "ext_pkce_mandatory" is the JSON "false"
    And the response member "ext_pkce_support_plain" is the JSON "false"
    And the response member "ext_public_client" is the JSON "false"
    And the response member "token_endpoint_allow_reuse_pvt_key_jwt" is the JSON "false"
    And the response member "require_pushed_authorization_requests" is the JSON "false"
    And the response member "require_signed_request_object" is the JSON "false"
    And the response member "tls_client_certificate_bound_access_tokens" is the JSON "false"
