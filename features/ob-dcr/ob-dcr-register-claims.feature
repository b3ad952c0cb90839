@surface:ob-dcr @needs:ob-dcr @needs:mtls
Feature: Open Banking DCR, registration request claims
  Every claim of the registration request is validated, each with its own check and the product's
  own error (wso2-surface §6.5), and a refused registration leaves nothing behind.

  @rule:WSO2-OBDCR-01
  Scenario Outline: A request without <claim> is refused
    When tpp1 registers the client "app" with the request claims:
      | claim   | value  |
      | <claim> | absent |
    Then the response status is 400
    And the response is an OAuth error "<error>"
    And in the WSO2 dialect the error description is "<description>"
    And tpp1 can still register its software

    @rule:DCR-REQ-09 @rule:DCR-REQ-10 @rule:ERR-05
    Examples: issuer
      | claim | error                   | description                                     |
      | iss   | invalid_client_metadata | Required parameter iss not found in the request |
    @rule:DCR-REQ-17
    Examples: software statement
      | claim              | error                      | description                                                    |
      | software_statement | invalid_software_statement | Required parameter software statement cannot be null |
    @rule:DCR-REQ-22 @rule:DCR-REQ-24
    Examples: token endpoint auth method
      | claim                      | error                   | description                                                        |
      | token_endpoint_auth_method | invalid_client_metadata | Required parameter tokenEndpointAuthMethod not found in the request |
    @rule:DCR-REQ-25
    Examples: token endpoint auth signing alg
      | claim                           | error                   | description                                                                                 |
      | token_endpoint_auth_signing_alg | invalid_client_metadata | Token endpoint auth signing alg must be specified if token_endpoint_auth_method is private_key_jwt. |
    @rule:DCR-REQ-28
    Examples: algorithms
      | claim                        | error                   | description                                                              |
      | id_token_signed_response_alg | invalid_client_metadata | Required parameter idTokenSignatureAlgorithm not found in the request     |
      | request_object_signing_alg   | invalid_client_metadata | Required parameter requestObjectSignatureAlgorithm not found in the request |
    @rule:DCR-REQ-29
    Examples: grant types
      | claim       | error                   | description                                |
      | grant_types | invalid_client_metadata | Required parameter grantTypes cannot be empty |
    @rule:DCR-REQ-35
    Examples: application type
      | claim            | error                   | description                                                 |
      | application_type | invalid_client_metadata | Required parameter applicationType not found in the request |
    @rule:DCR-REQ-34 @profile:uk
    Examples: scope (UK; CDR registers the SSA's scope)
      | claim | error                   | description                                       |
      | scope | invalid_client_metadata | Required parameter scope not found in the request |
    @rule:DCR-REQ-20
    Examples: redirect URIs
      | claim         | error                   | description                                    |
      | redirect_uris | invalid_client_metadata | Required parameter redirectUris cannot be empty |

  # FS RequiredParamsValidator: a required string parameter that is blank "cannot be empty"; one
  # that is absent is "not found" (its Gson copy of the request leaves nulls out).
  @rule:WSO2-OBDCR-01
  Scenario Outline: A request whose <claim> is <how> is refused as empty
    When tpp1 registers the client "app" with the request claims:
      | claim   | value   |
      | <claim> | <value> |
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And in the WSO2 dialect the error description is "Required parameter <name> cannot be empty"
    And tpp1 can still register its software

    @rule:DCR-REQ-22
    Examples: token endpoint auth method
      | claim                      | how   | value | name                    |
      | token_endpoint_auth_method | empty | ""    | tokenEndpointAuthMethod |
      | token_endpoint_auth_method | blank | "  "  | tokenEndpointAuthMethod |
    @rule:DCR-REQ-28
    Examples: algorithms
      | claim                        | how   | value | name                            |
      | id_token_signed_response_alg | empty | ""    | idTokenSignatureAlgorithm       |
      | request_object_signing_alg   | blank | " "   | requestObjectSignatureAlgorithm |
    @rule:DCR-REQ-35
    Examples: application type
      | claim            | how   | value | name            |
      | application_type | empty | ""    | applicationType |
    @rule:DCR-REQ-34 @profile:uk
    Examples: scope (UK; CDR registers the SSA's scope)
      | claim | how   | value | name  |
      | scope | empty | ""    | scope |

  Scenario Outline: A request without <claim> is refused (time and replay claims)
    When tpp1 registers the client "app" with the request claims:
      | claim   | value  |
      | <claim> | absent |
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And tpp1 can still register its software

    @rule:DCR-REQ-13
    Examples: expiry
      | claim |
      | exp   |
    @rule:DCR-REQ-14
    Examples: issued at
      | claim |
      | iat   |
    @rule:DCR-REQ-15
    Examples: JWT id
      | claim |
      | jti   |
    @rule:DCR-REQ-11 @rule:DCR-REQ-12
    Examples: audience
      | claim |
      | aud   |

  Scenario Outline: A request whose <claim> is <case> is refused
    When tpp1 registers the client "app" with the request claims:
      | claim   | value   |
      | <claim> | <value> |
    Then the response status is 400
    And the response is an OAuth error "<error>"
    And in the WSO2 dialect the OB error description is "<description>"
    And tpp1 can still register its software

    @rule:DCR-REQ-09 @rule:DCR-REQ-10
    Examples: issuer
      | claim | case                       | value                      | error                   | description                                                 |
      | iss   | another software's id      | "{{software_id:tpp2}}"     | invalid_client_metadata | Invalid issuer, issuer should be the same as the software id |
      | iss   | a number                   | 42                         | invalid_client_metadata | Invalid issuer, issuer should be the same as the software id |
    # FS RequiredParamsValidator runs before the issuer check: a null iss is dropped by its Gson copy
    # of the request ("not found"), a blank one is "cannot be empty".
    @rule:DCR-REQ-09 @rule:DCR-REQ-10
    Examples: issuer missing in other ways
      | claim | case  | value | error                   | description                                     |
      | iss   | null  | null  | invalid_client_metadata | Required parameter iss not found in the request |
      | iss   | empty | ""    | invalid_client_metadata | Required parameter iss cannot be empty          |
      | iss   | blank | "  "  | invalid_client_metadata | Required parameter iss cannot be empty          |
    @rule:DCR-REQ-21
    Examples: redirect URI form
      | claim         | case                  | value                                   | error                | description                                |
      | redirect_uris | an http URI           | ["http://tpp1.tpp.example.com/cb"]      | invalid_redirect_uri | Invalid redirect_uris found in the Request |
      | redirect_uris | a localhost URI       | ["https://localhost/cb"]                | invalid_redirect_uri | Invalid redirect_uris found in the Request |
      | redirect_uris | not a URI             | ["not a uri"]                           | invalid_redirect_uri | Invalid redirect_uris found in the Request |
      | redirect_uris | an https URI next to an http one | ["{{redirect_uri:tpp1}}", "http://tpp1.tpp.example.com/redirects/redirect1"] | invalid_redirect_uri | Invalid redirect_uris found in the Request |
    @rule:DCR-REQ-22 @rule:DCR-REQ-23
    Examples: token endpoint auth method
      | claim                      | case                | value                  | error                   | description                                          |
      | token_endpoint_auth_method | client_secret_basic | "client_secret_basic"  | invalid_client_metadata | Invalid token endpoint authentication method requested. |
      | token_endpoint_auth_method | none                | "none"                 | invalid_client_metadata | Invalid token endpoint authentication method requested. |
      | token_endpoint_auth_method | unknown             | "magic"                | invalid_client_metadata | Invalid token endpoint authentication method requested. |
      | token_endpoint_auth_method | a number            | 1                      | invalid_client_metadata | Invalid token endpoint authentication method requested. |
    @rule:DCR-REQ-25
    Examples: token endpoint auth signing alg
      | claim                           | case  | value   | error                   | description                           |
      | token_endpoint_auth_signing_alg | RS256 | "RS256" | invalid_client_metadata | Invalid signature algorithm requested |
      | token_endpoint_auth_signing_alg | HS256 | "HS256" | invalid_client_metadata | Invalid signature algorithm requested |
      | token_endpoint_auth_signing_alg | none  | "none"  | invalid_client_metadata | Invalid signature algorithm requested |
    @rule:DCR-REQ-28
    Examples: ID token and request object algorithms
      | claim                        | case  | value   | error                   | description                           |
      | id_token_signed_response_alg | none  | "none"  | invalid_client_metadata | Invalid signature algorithm requested |
      | id_token_signed_response_alg | RS256 | "RS256" | invalid_client_metadata | Invalid signature algorithm requested |
      | id_token_signed_response_alg | HS256 | "HS256" | invalid_client_metadata | Invalid signature algorithm requested |
      | request_object_signing_alg   | none  | "none"  | invalid_client_metadata | Invalid signature algorithm requested |
      | request_object_signing_alg   | RS256 | "RS256" | invalid_client_metadata | Invalid signature algorithm requested |
      | request_object_signing_alg   | a list | ["PS256"] | invalid_client_metadata | Invalid signature algorithm requested |
    @rule:DCR-REQ-29 @rule:DCR-REQ-32
    Examples: grant types
      | claim       | case                | value                    | error                   | description                  |
      | grant_types | password            | ["password"]             | invalid_client_metadata | Invalid grantTypes provided  |
      | grant_types | implicit and ours   | ["client_credentials", "implicit"] | invalid_client_metadata | Invalid grantTypes provided  |
      | grant_types | a string            | "client_credentials"     | invalid_client_metadata | Invalid grantTypes provided  |
      | grant_types | empty               | []                       | invalid_client_metadata | Required parameter grantTypes cannot be empty |
    @rule:DCR-REQ-35
    Examples: application type
      | claim            | case     | value      | error                   | description                     |
      | application_type | native   | "native"   | invalid_client_metadata | Invalid applicationType provided |
      | application_type | a number | 7          | invalid_client_metadata | Invalid applicationType provided |
    @rule:DCR-REQ-34 @rule:DCR-SSA-14
    Examples: scope
      | claim | case                      | value                 | error                   | description            |
      | scope | a scope outside the SSA's | "openid admin:all"    | invalid_client_metadata | Invalid scope provided |

  @rule:DCR-REQ-35 @profile:uk
  Scenario: UK: a mobile application is registered
    When tpp1 registers the client "app" with the request claims:
      | claim            | value    |
      | application_type | "mobile" |
    Then the response status is 201
    And the response member "application_type" is "mobile"

  @rule:DCR-REQ-35 @profile:cdr
  Scenario: CDR: a mobile application is refused, web only
    When tpp1 registers the client "app" with the request claims:
      | claim            | value    |
      | application_type | "mobile" |
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And tpp1 can still register its software

  # CDS DCR API: scope is optional in the request; the client is registered with the SSA's.
  @rule:DCR-REQ-34 @profile:cdr
  Scenario: CDR: a registration without scope is accepted with the software statement's scope
    When tpp1 registers the client "app" with the request claims:
      | claim | value  |
      | scope | absent |
    Then the response status is 201
    And the response scope is the software statement's scope

  # UK OB DCR §Data Mapping: the roles open the scopes (AISP accounts, PISP payments, CBPII
  # fundsconfirmations); a software with one role asks for its scope, not another role's.
  @rule:DCR-REQ-34 @rule:DCR-SSA-14 @profile:uk
  Scenario Outline: UK: a software with the role <role> <outcome> the scope "<scope>"
    When tpp1 registers the client "app" with the claims:
      | in                 | claim          | value      |
      | software statement | software_roles | ["<role>"] |
      | request            | scope          | "<scope>"  |
    Then the response status is <status>

    Examples:
      | role  | outcome      | scope                       | status |
      | PISP  | registers    | openid payments             | 201    |
      | CBPII | registers    | openid fundsconfirmations   | 201    |
      | PISP  | is refused   | openid accounts             | 400    |
      | AISP  | is refused   | openid payments             | 400    |

  # DCR-REQ-19: a request value conflicting with the SSA's is refused (the rule's 400 branch); the
  # product answers with RFC 7591's more specific invalid_redirect_uri.
  @rule:DCR-REQ-19 @rule:DCR-REQ-20 @needs:strict-redirect-uris
  Scenario Outline: A redirect URI outside the software statement's is refused (<case>)
    When tpp1 registers the client "app" with the request claims:
      | claim         | value   |
      | redirect_uris | <uris>  |
    Then the response status is 400
    And the response is an OAuth error "invalid_redirect_uri"
    And in the WSO2 dialect the error description is "Redirect URIs do not match with the software statement"
    And tpp1 can still register its software

    Examples:
      | case                             | uris                                                                          |
      | alone                            | ["https://elsewhere.example.com/callback"]                                    |
      | next to one of the SSA's         | ["{{redirect_uri:tpp1}}", "https://elsewhere.example.com/callback"]           |

  # wso2-surface §6.5: the redirect URI validator refuses an SSA whose own URIs do not parse before
  # it compares the request's with them ("Invalid redirect_uris found in the SSA").
  @rule:WSO2-OBDCR-01 @needs:strict-redirect-uris
  Scenario Outline: <profile>: a software statement with a redirect URI that is no URI is refused
    When tpp1 registers the client "app" with the software statement claims:
      | claim   | value                                  |
      | <claim> | ["{{redirect_uri:tpp1}}", "not a uri"] |
    Then the response status is 400
    And the response is an OAuth error "invalid_redirect_uri"
    And in the WSO2 dialect the error description is "Invalid redirect_uris found in the SSA"
    And tpp1 can still register its software

    @profile:uk
    Examples: UK
      | profile | claim                  |
      | UK      | software_redirect_uris |
    @profile:cdr
    Examples: CDR
      | profile | claim         |
      | CDR     | redirect_uris |

  # RFC 6749 §3.1.2: a redirection endpoint URI is absolute and MUST NOT include a fragment; RFC 7591
  # §3.2.2 names the error. No WSO2 text asserted: the product's for these is not in a source at hand.
  @rule:DCR-REQ-21
  Scenario Outline: A redirect URI that cannot be a redirection endpoint is refused (<case>)
    When tpp1 registers the client "app" with the request claims:
      | claim         | value   |
      | redirect_uris | <uris>  |
    Then the response status is 400
    And the response is an OAuth error "invalid_redirect_uri"
    And tpp1 can still register its software

    Examples:
      | case                | uris                               |
      | with a fragment     | ["{{redirect_uri:tpp1}}#section"]  |
      | a number in the list | ["{{redirect_uri:tpp1}}", 42]     |
      | a list in the list  | [["{{redirect_uri:tpp1}}"]]        |

  @rule:DCR-REQ-20 @needs:lenient-redirect-uris
  Scenario: With the redirect URI validator off, a redirect URI outside the SSA's is registered (seed 004)
    When tpp1 registers the client "app" with the request claims:
      | claim         | value                                                 |
      | redirect_uris | ["https://www.mockcompany.com.au/redirects/redirect1"] |
    Then the response status is 201
    And the response member "redirect_uris" is the JSON "[\"https://www.mockcompany.com.au/redirects/redirect1\"]"

  @rule:DCR-REQ-20 @rule:DCR-REQ-34
  Scenario: A subset of the SSA's redirect URIs is registered
    When tpp1 registers the client "app" with the request claims:
      | claim         | value                       |
      | redirect_uris | ["{{redirect_uri:tpp1}}"]   |
    Then the response status is 201
    And the response member "redirect_uris" is the JSON "[\"https://tpp1.tpp.example.com/redirects/redirect1\"]"

  Scenario Outline: A request whose <claim> is <case> is refused (time claims)
    When tpp1 registers the client "app" with the request claims:
      | claim   | value   |
      | <claim> | <value> |
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And tpp1 can still register its software

    @rule:DCR-REQ-13
    Examples: expiry
      | claim | case                        | value      |
      | exp   | in the past beyond the skew | now-600    |
      | exp   | a string                    | "tomorrow" |
    @rule:DCR-REQ-14
    Examples: issued at
      | claim | case                           | value    |
      | iat   | in the future beyond the skew  | now+600  |
      | iat   | a string                       | "now"    |
    @rule:DCR-REQ-15
    Examples: JWT id
      | claim | case     | value |
      | jti   | a number | 7     |
      | jti   | empty    | ""    |
    @rule:DCR-REQ-11 @rule:DCR-REQ-12
    Examples: audience
      | claim | case                | value                                         |
      | aud   | another bank        | "https://other-bank.example/oauth2/token"     |
      | aud   | a number            | 5                                             |

  # RFC 7591 §2: scope is a string of space-separated values; any other JSON type is invalid metadata.
  @rule:DCR-REQ-34
  Scenario Outline: A request whose scope is <case> is refused
    When tpp1 registers the client "app" with the request claims:
      | claim | value   |
      | scope | <value> |
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And tpp1 can still register its software

    Examples:
      | case     | value                  |
      | a list   | ["openid", "accounts"] |
      | a number | 7                      |

  @rule:DCR-REQ-18
  Scenario: A software_id claim equal to the SSA's is registered
    When tpp1 registers the client "app" with the request claims:
      | claim       | value                  |
      | software_id | "{{software_id:tpp1}}" |
    Then the response status is 201

  @rule:DCR-REQ-18
  Scenario: A software_id claim different from the SSA's is refused
    When tpp1 registers the client "app" with the request claims:
      | claim       | value                  |
      | software_id | "{{software_id:tpp2}}" |
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And tpp1 can still register its software

  # RFC 7591 §3.2.1 (DCR-REQ-02): the response holds the registered metadata, the subject DN too.
  @rule:DCR-REQ-26 @rule:DCR-REQ-27 @rule:DCR-REQ-02 @profile:uk
  Scenario: UK: tls_client_auth with the transport certificate's subject DN is registered
    When tpp1 registers the client "mtls" for tls_client_auth
    Then the response status is 201
    And the response member "token_endpoint_auth_method" is "tls_client_auth"
    And the response member "tls_client_auth_subject_dn" is a non-empty string

  # DCR-REQ-26: the subject DN is set if and only if the method is tls_client_auth.
  @rule:DCR-REQ-26 @profile:uk
  Scenario: UK: a subject DN with private_key_jwt is refused
    When tpp1 registers the client "app" with the request claims:
      | claim                      | value                 |
      | tls_client_auth_subject_dn | "{{subject_dn:tpp1}}" |
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And tpp1 can still register its software

  # DCR-REQ-25 asks for token_endpoint_auth_signing_alg with private_key_jwt (or client_secret_jwt)
  # only: a tls_client_auth client signs no assertion.
  @rule:DCR-REQ-25 @profile:uk
  Scenario: UK: tls_client_auth without a token endpoint signing algorithm is registered
    When tpp1 registers the client "mtls" with the request claims:
      | claim                           | value                       |
      | token_endpoint_auth_method      | "tls_client_auth"           |
      | tls_client_auth_subject_dn      | "{{subject_dn:tpp1}}"       |
      | token_endpoint_auth_signing_alg | absent                      |
    Then the response status is 201
    And the response member "token_endpoint_auth_method" is "tls_client_auth"

  @rule:DCR-REQ-26 @rule:DCR-REQ-27 @profile:uk
  Scenario Outline: UK: tls_client_auth <case> is refused
    When tpp1 registers the client "app" with the request claims:
      | claim                      | value             |
      | token_endpoint_auth_method | "tls_client_auth" |
      | tls_client_auth_subject_dn | <dn>              |
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And tpp1 can still register its software

    Examples:
      | case                       | dn     |
      | without a subject DN       | absent |
      | with an empty subject DN   | ""     |
      | with a subject DN that is a number | 42 |

  @rule:DCR-REQ-24 @profile:cdr
  Scenario: CDR: tls_client_auth is refused, private_key_jwt only
    When tpp1 registers the client "mtls" for tls_client_auth
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And in the WSO2 dialect the error description is "Invalid token endpoint authentication method requested."
    And tpp1 can still register its software

  @rule:JWT-20 @profile:cdr
  Scenario: CDR: RSA1_5 for ID token encryption is refused
    When tpp1 registers the client "app" with the request claims:
      | claim                           | value    |
      | id_token_encrypted_response_alg | "RSA1_5" |
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And tpp1 can still register its software

  @rule:DCR-REQ-30 @rule:DCR-REQ-32
  Scenario Outline: Unsupported response types are refused (<case>)
    When tpp1 registers the client "app" with the request claims:
      | claim          | value   |
      | response_types | <value> |
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And in the WSO2 dialect the error description is "Invalid responseTypes provided"
    And tpp1 can still register its software

    Examples:
      | case                          | value                      |
      | token                         | ["token"]                  |
      | a string                      | "code id_token"            |
      | token next to code id_token   | ["code id_token", "token"] |

  @rule:DCR-REQ-30
  Scenario: Without response_types the default code id_token is registered
    When tpp1 registers the client "app" with the request claims:
      | claim          | value  |
      | response_types | absent |
    Then the response status is 201
    And the response member "response_types" is the JSON "[\"code id_token\"]"

  @rule:DCR-REQ-33
  Scenario: Unknown claims are ignored, not echoed and not an error
    When tpp1 registers the client "app" with the request claims:
      | claim             | value     |
      | x_unknown_member  | "ignored" |
    Then the response status is 201
    And the response does not have the member "x_unknown_member"
