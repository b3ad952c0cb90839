@surface:registration @needs:client-registration
Feature: Client registration (RFC 7591)
  A client registers its metadata at the target's registration endpoint, in the target's
  registration style (open, with an initial access token, or Identity Server DCR with the admin
  user). Only what RFC 7591 and the specs it names require is asserted.

  @rule:DCR-REQ-02 @rule:DCR-REQ-03
  Scenario: A registration answers 201 with a client id and the metadata it was sent
    When the client "app" registers with:
      """
      {"client_name": "{{unique:app}}", "grant_types": ["authorization_code"], "response_types": ["code"],
       "redirect_uris": ["https://tpp.example/callback"]}
      """
    Then the response status is 201
    And the response Content-Type is "application/json"
    And the response member "client_id" is a non-empty string
    And the registration response shows the members it was sent:
      """
      {"client_name": "{{unique:app}}", "grant_types": ["authorization_code"], "redirect_uris": ["https://tpp.example/callback"]}
      """
    And a client_secret in the response comes with client_secret_expires_at

  @rule:DCR-REQ-39
  Scenario: Every registration gets its own client id
    When the client "one" registers with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "client_secret_basic"}
      """
    Then the response status is 201
    When the client "two" registers with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "client_secret_basic"}
      """
    Then the response status is 201
    And the client id of "one" differs from the client id of "two"

  @rule:DCR-REQ-33
  Scenario: Client metadata the server does not understand is ignored
    When the client "extra" registers with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "client_secret_basic",
       "x_obc_unknown_member": "ignored"}
      """
    Then the response status is 201
    And the response does not have the member "x_obc_unknown_member"

  @rule:DCR-REQ-31 @rule:ERR-05
  Scenario: jwks and jwks_uri together are refused
    When the client "both" registers with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "private_key_jwt",
       "jwks": {{jwks:tpp1}}, "jwks_uri": "https://tpp.example/jwks.json"}
      """
    Then the response status is 400
    And the response Content-Type is "application/json"
    And the response is an OAuth error "invalid_client_metadata"

  @rule:ERR-05
  Scenario: A redirect URI with a fragment is refused as an invalid redirect URI
    When the client "fragment" registers with:
      """
      {"grant_types": ["authorization_code"], "response_types": ["code"], "redirect_uris": ["https://tpp.example/callback#part"]}
      """
    Then the response status is 400
    And the response Content-Type is "application/json"
    And the response is an OAuth error "invalid_redirect_uri"

  @rule:DCR-REQ-06
  Scenario Outline: A body that is <case> is refused
    When a client sends the registration body '<body>'
    Then the response status is 400
    And the response Content-Type is "application/json"

    Examples:
      | case                        | body                                         |
      | JSON cut short              | {"grant_types": ["client_credentials"]       |
      | a JSON array of the object  | [{"grant_types": ["client_credentials"]}]    |
      | a JSON string               | "client_credentials"                         |
      | JSON null                   | null                                         |
      | a JSON number               | 42                                           |

  # RFC 7591 §3.1: the metadata is sent "as a JSON object ... using the application/json content type".
  # RFC 9110 §8.3.1: the media type's parameters (a charset) do not change it; §5.6.6 allows
  # optional white space on either side of the ";".
  @rule:DCR-REQ-06
  Scenario Outline: Metadata sent as <type> registers
    When the client "charset" registers as "<type>" with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "client_secret_basic"}
      """
    Then the response status is 201

    Examples:
      | type                             |
      | application/json; charset=UTF-8  |
      | application/json ; charset=UTF-8 |

  @rule:DCR-REQ-06
  Scenario: Metadata that would register, sent as text/plain, is refused
    When the client "plain" registers as "text/plain" with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "client_secret_basic"}
      """
    Then the response is a well-formed JSON error with a 4xx status

  # RFC 8705 §2.1.2 also forbids naming the subject two ways, but a server that does not know one
  # of the SAN members ignores it (RFC 7591 §2), so only the missing subject is checked.
  @rule:DCR-REQ-27 @needs:auth-tls-client-auth
  Scenario: tls_client_auth without a certificate subject is refused
    When the client "tls" registers with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "tls_client_auth"}
      """
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"

  @rule:CNF-07 @needs:bound-tokens
  Scenario: A client registers for certificate-bound access tokens
    When the client "bound" registers with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "client_secret_basic",
       "tls_client_certificate_bound_access_tokens": true}
      """
    Then the response status is 201
    And the response member "tls_client_certificate_bound_access_tokens" is the JSON "true"

  @rule:DCR-REQ-41 @rule:ERR-05
  Scenario Outline: A registration with <case> is refused
    When the client "bad" registers with:
      """
      <metadata>
      """
    Then the response status is 400
    And the response Content-Type is "application/json"
    And the response is one of the OAuth errors "<errors>"

    Examples:
      | case                                   | metadata                                                                                                              | errors                                        |
      | a relative redirect URI                | {"grant_types": ["authorization_code"], "response_types": ["code"], "redirect_uris": ["/callback"]}                   | invalid_redirect_uri                          |
      | the code grant and no redirect URI     | {"grant_types": ["authorization_code"], "response_types": ["code"]}                                                    | invalid_redirect_uri, invalid_client_metadata |
      | the implicit grant and no redirect URI | {"grant_types": ["implicit"], "response_types": ["token"]}                                                             | invalid_redirect_uri, invalid_client_metadata |
      | jwks that is not a JWK Set             | {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "private_key_jwt", "jwks": {"kty": "RSA"}} | invalid_client_metadata          |
      | an unknown authentication method       | {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "obc_unknown_method"}     | invalid_client_metadata                       |

  @rule:DCR-REQ-42
  Scenario: A grant type the server does not support is refused, or left out of the registration
    When the client "odd" registers with:
      """
      {"grant_types": ["client_credentials", "urn:obc:unsupported-grant"], "response_types": [], "token_endpoint_auth_method": "client_secret_basic"}
      """
    Then the registration is refused as invalid_client_metadata, or registered without "urn:obc:unsupported-grant" in "grant_types"
