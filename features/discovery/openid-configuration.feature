@surface:discovery
Feature: OpenID Provider metadata
  The key manager of API Manager imports its endpoints from the Identity Server's discovery
  document (seed 000), and TPPs find the token, authorization and registration endpoints there.

  Background:
    When the client fetches the discovery document

  @rule:DISC-01
  Scenario: The discovery document is JSON at the issuer's well-known URL
    Then the response status is 200
    And the response Content-Type is "application/json"
    And the response body is a JSON object

  @rule:WSO2-DISC-01
  Scenario: The discovery document is at the issuer path plus the well-known suffix
    When the client sends GET to the is path "/oauth2/token/.well-known/openid-configuration"
    Then the response status is 200
    And the response Content-Type is "application/json"
    And the response body is a JSON object

  @rule:DISC-02
  Scenario: The issuer is the https URL the document was fetched for
    Then the issuer is an https URL without query or fragment
    And the issuer is identical to the URL the document was fetched for
    And the harness discovery check accepts the fetched document

  @rule:DISC-02
  Scenario Outline: The harness refuses a document whose issuer does not match (<case>)
    Given a discovery document whose issuer is "<issuer>" fetched from "https://is.bank.example:9446/oauth2/token/.well-known/openid-configuration"
    Then the harness discovery check rejects it with "<problem>"

    Examples:
      | case            | issuer                                     | problem          |
      | trailing slash  | https://is.bank.example:9446/oauth2/token/ | issuer mismatch  |
      | other host      | https://evil.example:9446/oauth2/token     | issuer mismatch  |
      | plain http      | http://is.bank.example:9446/oauth2/token   | is not https     |
      | with a query    | https://is.bank.example:9446/oauth2/token?x | has a query     |
      | with a fragment | https://is.bank.example:9446/oauth2/token#x | has a fragment  |

  @rule:DISC-03
  Scenario Outline: The required member <member> is present
    Then the document has the member "<member>"

    Examples:
      | member                                |
      | issuer                                |
      | authorization_endpoint                |
      | token_endpoint                        |
      | jwks_uri                              |
      | response_types_supported              |
      | subject_types_supported               |
      | id_token_signing_alg_values_supported |

  @rule:DISC-03
  Scenario Outline: The required member <member> lists only values its specification defines
    Then the document member "<member>" contains only "<values>"

    Examples:
      | member                                | values                                                                                                                  |
      | response_types_supported              | code, token, id_token, none, code id_token, code token, id_token token, code id_token token                             |
      | subject_types_supported               | public, pairwise                                                                                                        |
      | id_token_signing_alg_values_supported | HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384, ES512, PS256, PS384, PS512, EdDSA, Ed25519, Ed448, ES256K, none |

  @rule:DISC-16
  Scenario: scopes_supported, where advertised, includes openid and holds only scope tokens
    Then the document member "scopes_supported", where present, includes "openid" and holds only scope tokens

  @rule:DISC-16
  Scenario Outline: <member>, where advertised, lists only registered client authentication methods
    Then the document member "<member>", where present, contains only "none, client_secret_post, client_secret_basic, client_secret_jwt, private_key_jwt, tls_client_auth, self_signed_tls_client_auth"

    Examples:
      | member                                        |
      | token_endpoint_auth_methods_supported         |
      | introspection_endpoint_auth_methods_supported |
      | revocation_endpoint_auth_methods_supported    |

  @rule:DISC-16
  Scenario: response_modes_supported, where advertised, lists only defined response modes
    Then the document member "response_modes_supported", where present, contains only "query, fragment, form_post, query.jwt, fragment.jwt, form_post.jwt, jwt"

  @rule:DISC-05 @optional
  Scenario: The registration endpoint is advertised
    Then the document has the member "registration_endpoint"

  @rule:DISC-06
  Scenario: none is never a token endpoint authentication signing algorithm
    Then the document has the member "token_endpoint_auth_signing_alg_values_supported"
    And the document member "token_endpoint_auth_signing_alg_values_supported" does not include "none"

  @rule:DISC-07 @profile:uk @profile:cdr @profile:fapi @rule:JWT-03
  Scenario Outline: <member> lists only PS256 and ES256 under the FAPI-based profiles
    Then the document member "<member>" contains only "PS256, ES256"

    Examples:
      | member                                           |
      | id_token_signing_alg_values_supported            |
      | request_object_signing_alg_values_supported      |
      | token_endpoint_auth_signing_alg_values_supported |

  @rule:DISC-07 @profile:generic
  Scenario: The generic profile lists RS256 for ID tokens, as OIDC Discovery requires
    Then the document member "id_token_signing_alg_values_supported" includes "RS256"

  @rule:DISC-08 @profile:fapi
  Scenario: Only FAPI client authentication methods are offered
    Then the document member "token_endpoint_auth_methods_supported" contains only "private_key_jwt, tls_client_auth, self_signed_tls_client_auth"

  @rule:DISC-09 @profile:fapi
  Scenario: Every endpoint is distributed through the metadata document
    Then every endpoint in the document is an absolute https URL on the issuer's host

  @rule:DISC-15
  Scenario: Introspection and revocation endpoints are advertised
    Then the document has the member "introspection_endpoint"
    And the document has the member "revocation_endpoint"

  @rule:WSO2-DISC-02
  Scenario: The endpoints and grants the fsKeyManager configuration imports
    Then the document member "issuer" is the issuer origin followed by "/oauth2/token"
    And the document member "token_endpoint" is the issuer origin followed by "/oauth2/token"
    And the document member "authorization_endpoint" is the issuer origin followed by "/oauth2/authorize"
    And the document member "introspection_endpoint" is the issuer origin followed by "/oauth2/introspect"
    And the document member "revocation_endpoint" is the issuer origin followed by "/oauth2/revoke"
    And the document member "userinfo_endpoint" is the issuer origin followed by "/oauth2/userinfo"
    And the document member "registration_endpoint" is the issuer origin followed by "/api/identity/oauth2/dcr/v1.1/register"
    And the document member "jwks_uri" is the issuer origin followed by "/oauth2/jwks"
    And the document member "grant_types_supported" includes "client_credentials"
    And the document member "grant_types_supported" includes "authorization_code"
    And the document member "grant_types_supported" includes "refresh_token"
    And the document member "grant_types_supported" includes "urn:ietf:params:oauth:grant-type:jwt-bearer"

  @rule:WSO2-DISC-03
  Scenario: Certificate-bound access tokens are advertised with mTLS endpoint aliases
    Then the document member "tls_client_certificate_bound_access_tokens" is true
    And the document has the member "mtls_endpoint_aliases"
    And the document member "mtls_endpoint_aliases" names the "token_endpoint" as an absolute https URL

  @rule:PKCE-09
  Scenario: S256 is an advertised PKCE method
    Then the document member "code_challenge_methods_supported" includes "S256"

  @rule:PKCE-09 @profile:fapi
  Scenario: Under FAPI S256 is the only advertised PKCE method
    Then the document member "code_challenge_methods_supported" contains only "S256"

  @rule:CNF-06 @needs:mtls
  Scenario: Certificate-bound access tokens are advertised where the target binds tokens
    Then the document member "tls_client_certificate_bound_access_tokens" is true

  @rule:DISC-17
  Scenario Outline: A client authentication method the token endpoint accepts is listed (<method>)
    Given the client "c" is registered for the <method> method where the target allows it
    When the client "c" requests a client_credentials token with scope "accounts" <connection>
    Then a token issued to it means the metadata lists <method> in "token_endpoint_auth_methods_supported"

    Examples:
      | method                      | connection                   |
      | client_secret_basic         | without a client certificate |
      | client_secret_post          | without a client certificate |
      | private_key_jwt             | as tpp1                      |
      | tls_client_auth             | as tpp1                      |
      | self_signed_tls_client_auth | as tpp1                      |
