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
