@surface:is-dcr @needs:admin-api
Feature: Identity Server DCR v1.1
  The fsKeyManager registers OAuth clients on Identity Server through this API (seed 000), with
  the connector's admin user.

  @rule:WSO2-ISDCR-01 @rule:DCR-REQ-03
  Scenario: The admin registers a confidential client
    When the admin registers the IS DCR client "app" with:
      """
      {"client_name": "{{unique:app}}", "grant_types": ["client_credentials", "authorization_code"],
       "redirect_uris": ["https://tpp.example/callback"]}
      """
    Then the response status is 201
    And the response Content-Type is "application/json"
    And the response member "client_id" is a non-empty string
    And the response member "client_secret" is a non-empty string
    And the response has the member "client_secret_expires_at"
    And the response member "client_name" is "{{unique:app}}"
    And the response member "grant_types" is the JSON "[\"client_credentials\", \"authorization_code\"]"
    And the response member "redirect_uris" is the JSON "[\"https://tpp.example/callback\"]"

  @rule:WSO2-ISDCR-01 @rule:DCR-REQ-33
  Scenario: The response is the product's ApplicationDTO: request-only members are not returned
    When the admin registers the IS DCR client "dto" with:
      """
      {"client_name": "{{unique:dto}}", "grant_types": ["client_credentials"], "url": "https://tpp.example",
       "contacts": ["ops@tpp.example"], "scope": "accounts", "ext_token_type": "JWT"}
      """
    Then the response status is 201
    And the response member "ext_token_type" is "JWT"
    And the response member "token_type_extension" is "JWT"
    And the response does not have the member "url"
    And the response does not have the member "contacts"
    And the response does not have the member "scope"

  @rule:WSO2-ISDCR-01
  Scenario: ext_allowed_audience is a string, as in the product's RegistrationRequestDTO
    When the admin registers the IS DCR client "audience" with:
      """
      {"client_name": "{{unique:audience}}", "grant_types": ["client_credentials"], "ext_allowed_audience": "application"}
      """
    Then the response status is 201
    And the response member "ext_allowed_audience" is "application"

  # Jackson binds a JSON null to a null field, which the DCRM service reads as a member not sent.
  @rule:WSO2-ISDCR-01
  Scenario: Members sent as null register as if they were left out
    When the admin registers the IS DCR client "nulls" with:
      """
      {"client_name": "{{unique:nulls}}", "grant_types": null, "redirect_uris": null, "jwks_uri": null, "jwks": null,
       "ext_pkce_mandatory": null, "ext_application_token_lifetime": null}
      """
    Then the response status is 201
    And the response member "client_name" is "{{unique:nulls}}"
    And the response member "client_id" is a non-empty string

  # Jackson binds a JSON number with a fraction to the DTO's Long by truncating it (ACCEPT_FLOAT_AS_INT).
  @rule:WSO2-ISDCR-01
  Scenario: A token lifetime with a fraction registers truncated
    When the admin registers the IS DCR client "fraction" with:
      """
      {"client_name": "{{unique:fraction}}", "grant_types": ["client_credentials"], "ext_application_token_lifetime": 3600.7}
      """
    Then the response status is 201
    And the response member "ext_application_token_lifetime" is the JSON "3600"

  @rule:DCR-REQ-39
  Scenario: Every registration gets its own client id
    Given the admin has registered the IS DCR client "one" with:
      """
      {"client_name": "{{unique:one}}", "grant_types": ["client_credentials"]}
      """
    And the admin has registered the IS DCR client "two" with:
      """
      {"client_name": "{{unique:two}}", "grant_types": ["client_credentials"]}
      """
    Then the client id of "one" differs from the client id of "two"

  @rule:CNF-07
  Scenario: Registration accepts tls_client_certificate_bound_access_tokens
    When the admin registers the IS DCR client "bound" with:
      """
      {"client_name": "{{unique:bound}}", "grant_types": ["client_credentials"],
       "tls_client_certificate_bound_access_tokens": true}
      """
    Then the response status is 201
    And the response member "tls_client_certificate_bound_access_tokens" is the JSON "true"

  @rule:DCR-REQ-33
  Scenario: Unknown client metadata is ignored, not echoed and not an error
    When the admin registers the IS DCR client "extra" with:
      """
      {"client_name": "{{unique:extra}}", "grant_types": ["client_credentials"], "x_unknown_member": "ignored"}
      """
    Then the response status is 201
    And the response does not have the member "x_unknown_member"

  @rule:WSO2-ISDCR-10
  Scenario: Empty preset credentials are treated as absent: the server generates both
    When the admin registers the IS DCR client "blank1" with:
      """
      {"client_name": "{{unique:blank1}}", "grant_types": ["client_credentials"], "ext_param_client_id": "", "ext_param_client_secret": ""}
      """
    Then the response status is 201
    And the response member "client_id" is a non-empty string
    And the response member "client_secret" is a non-empty string
    When the admin registers the IS DCR client "blank2" with:
      """
      {"client_name": "{{unique:blank2}}", "grant_types": ["client_credentials"], "ext_param_client_id": "", "ext_param_client_secret": ""}
      """
    Then the response status is 201
    And the client id of "blank1" differs from the client id of "blank2"

  @rule:WSO2-ISDCR-10 @rule:DCR-REQ-03
  Scenario Outline: A secret expiry of <case> registers and is returned
    When the admin registers the IS DCR client "expiring" with:
      """
      {"client_name": "{{unique:expiring}}", "grant_types": ["client_credentials"], "ext_param_client_secret_expires_at": <at>}
      """
    Then the response status is 201
    And the response member "client_secret_expires_at" is the JSON "<at>"

    Examples:
      | case                 | at         |
      | 0 (never)            | 0          |
      | a time in the future | 4102444800 |

  # DCRMService: a preset client id is used as given, and only once (CONFLICT_EXISTING_CLIENT_ID,
  # a 400 as every DCRM conflict).
  @rule:WSO2-ISDCR-10
  Scenario: A preset client id is used, and a second client cannot take it
    When the admin registers the IS DCR client "preset" with:
      """
      {"client_name": "{{unique:preset}}", "grant_types": ["client_credentials"], "ext_param_client_id": "{{word:preset}}"}
      """
    Then the response status is 201
    And the response member "client_id" is "{{word:preset}}"
    When the admin registers the IS DCR client "again" with:
      """
      {"client_name": "{{unique:again}}", "grant_types": ["client_credentials"], "ext_param_client_id": "{{word:preset}}"}
      """
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"

  # DCRMService checks token_endpoint_auth_signing_alg against OAuthServerConfiguration's
  # supported token endpoint signing algorithms (identity.xml: PS256, ES256 and RS256).
  @rule:WSO2-ISDCR-10
  Scenario Outline: An assertion signing alg Identity Server supports registers (<alg>)
    When the admin registers the IS DCR client "signing" with:
      """
      {"client_name": "{{unique:signing}}", "grant_types": ["client_credentials"], "token_endpoint_auth_signing_alg": "<alg>"}
      """
    Then the response status is 201

    Examples:
      | alg   |
      | PS256 |
      | ES256 |
    @profile:generic
    Examples: outside FAPI
      | alg   |
      | RS256 |

  # DCRMService asks no key set of these methods: the keys may come later (jwks_uri, the
  # application certificate).
  @rule:WSO2-ISDCR-10
  Scenario Outline: A <method> client registers without a key set
    When the admin registers the IS DCR client "keyless" with:
      """
      {"client_name": "{{unique:keyless}}", "grant_types": ["client_credentials"], "token_endpoint_auth_method": "<method>",
       "token_endpoint_auth_signing_alg": "PS256"}
      """
    Then the response status is 201
    And the response member "token_endpoint_auth_method" is "<method>"

    Examples:
      | method                      |
      | private_key_jwt             |
      | self_signed_tls_client_auth |

  @rule:WSO2-ISDCR-10 @rule:ERR-05
  Scenario Outline: A registration value Identity Server checks is refused (<case>)
    When the admin registers the IS DCR client "checked" with:
      """
      {"client_name": "{{unique:checked}}", "grant_types": ["client_credentials"], "<member>": <value>}
      """
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And in the WSO2 dialect the error description is "<description>"

    Examples:
      | case                                 | member                             | value                         | description                                                               |
      | a preset client id too short         | ext_param_client_id                | "short_id"                    | Provided client id is not adhering to the provided regex [a-zA-Z0-9_]{15,30} |
      | a preset client id with a slash      | ext_param_client_id                | "client/id/that/is/long"      | Provided client id is not adhering to the provided regex [a-zA-Z0-9_]{15,30} |
      | a secret expiry in the past          | ext_param_client_secret_expires_at | 1                             | The provided client secret expiry time is in the past: 1                  |
      | a negative secret expiry             | ext_param_client_secret_expires_at | -5                            | The provided client secret expiry time is in the past: -5                 |
      | an assertion alg with no auth method | token_endpoint_auth_signing_alg    | "HS256"                       | Invalid signature algorithm requested                                     |

  @rule:WSO2-ISDCR-02
  Scenario Outline: A caller <who> is refused
    When a caller "<who>" registers an IS DCR client with:
      """
      {"client_name": "{{unique:intruder}}", "grant_types": ["client_credentials"]}
      """
    Then the response status is 401
    And the response header "WWW-Authenticate" starts with "Basic"

    Examples:
      | who                 |
      | without credentials |
      | with a wrong password |
      | with a bearer token |

  @rule:WSO2-ISDCR-03 @rule:ERR-05 @rule:ERR-04
  Scenario: A second client with the same name is refused with 400
    Given the admin has registered the IS DCR client "first" with:
      """
      {"client_name": "{{unique:dup}}", "grant_types": ["client_credentials"]}
      """
    When the admin registers the IS DCR client "second" with:
      """
      {"client_name": "{{unique:dup}}", "grant_types": ["client_credentials"]}
      """
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And in the WSO2 dialect the error description is "Application with the name {{unique:dup}} already exist in the system"

  @rule:WSO2-ISDCR-04 @rule:ERR-05
  Scenario Outline: A registration without a usable client name is refused (<case>)
    When the admin registers the IS DCR client "nameless" with:
      """
      <body>
      """
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And in the WSO2 dialect the error description is "The client name is missing or empty."

    Examples:
      | case    | body                                                      |
      | missing | {"grant_types": ["client_credentials"]}                   |
      | empty   | {"client_name": "", "grant_types": ["client_credentials"]} |
      | blank   | {"client_name": "   ", "grant_types": ["client_credentials"]} |

  # Identity Server's service provider name pattern: letters, digits, white space and . + _ -.
  @rule:WSO2-ISDCR-04
  Scenario: A client name with spaces, dots, plus, underscore and hyphen registers
    When the admin registers the IS DCR client "spaced" with:
      """
      {"client_name": "{{unique:spaced}} TPP v1.0+beta_x-y", "grant_types": ["client_credentials"]}
      """
    Then the response status is 201
    And the response member "client_name" is "{{unique:spaced}} TPP v1.0+beta_x-y"

  @rule:WSO2-ISDCR-04 @rule:ERR-05
  Scenario Outline: A client name with a character outside the pattern is refused (<case>)
    When the admin registers the IS DCR client "oddname" with:
      """
      {"client_name": "<name>", "grant_types": ["client_credentials"]}
      """
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"

    Examples:
      | case                 | name                 |
      | a slash first        | /{{unique:oddname}}  |
      | a slash last         | {{unique:oddname}}/  |
      | an angle bracket     | {{unique:oddname}}<b |

  # An absolute URI without a fragment is a redirect URI, whatever its scheme (RFC 6749 §3.1.2).
  @rule:WSO2-ISDCR-07
  Scenario Outline: A redirect URI of another scheme registers (<case>)
    When the admin registers the IS DCR client "scheme" with:
      """
      {"client_name": "{{unique:scheme}}", "grant_types": ["authorization_code"], "redirect_uris": ["<uri>"]}
      """
    Then the response status is 201
    And the response member "redirect_uris" is the JSON "[\"<uri>\"]"

    Examples:
      | case                | uri                            |
      | http on localhost   | http://localhost:8080/callback |
      | a private-use scheme | com.tpp.app:/callback         |

  @rule:WSO2-ISDCR-07 @rule:ERR-05 @rule:ERR-04
  Scenario Outline: A malformed redirect URI is refused (<case>)
    When the admin registers the IS DCR client "badredirect" with:
      """
      {"client_name": "{{unique:badredirect}}", "grant_types": ["authorization_code"], "redirect_uris": ["<uri>"]}
      """
    Then the response status is 400
    And the response is an OAuth error "invalid_redirect_uri"
    And in the WSO2 dialect the error description is "Invalid redirect URI: <uri>"

    Examples:
      | case          | uri                           |
      | relative      | /callback                     |
      | with fragment | https://tpp.example/cb#frag   |
      | not a URI     | not a uri                     |

  @rule:DCR-REQ-31 @rule:ERR-05
  Scenario: jwks and jwks_uri together are refused
    When the admin registers the IS DCR client "bothkeys" with:
      """
      {"client_name": "{{unique:bothkeys}}", "grant_types": ["client_credentials"],
       "token_endpoint_auth_method": "private_key_jwt", "token_endpoint_auth_signing_alg": "PS256",
       "jwks_uri": "https://tpp.example/jwks.json", "jwks": {"keys": []}}
      """
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"

  # Identity Server binds the body with Jackson, which coerces scalars ("true" to a flag, 7 to text)
  # but refuses text for a list, a word for a flag or a number, and an object for text (the values
  # of additionalAttributes, a Map<String,String>, included).
  @rule:WSO2-ERR-01
  Scenario Outline: A malformed registration body gets a JSON error (<case>)
    When the admin sends an IS DCR registration with the Content-Type "<type>" and the body:
      """
      <body>
      """
    Then the response is a well-formed JSON error with a 4xx status

    Examples:
      | case              | type             | body                         |
      | not JSON          | application/json | {"client_name": "x"          |
      | a JSON array      | application/json | ["client_name"]              |
      | wrong media type  | text/plain       | client_name=x                |
      | wrong member type | application/json | {"client_name": ["x"]}       |
      | a list member as text | application/json | {"client_name": "x", "grant_types": "client_credentials"} |
      | contacts as text | application/json | {"client_name": "x", "contacts": "ops@tpp.example"} |
      | a contact as an object | application/json | {"client_name": "x", "contacts": [{"email": "ops@tpp.example"}]} |
      | a flag as a word | application/json | {"client_name": "x", "ext_pkce_mandatory": "yes"} |
      | a lifetime as a word | application/json | {"client_name": "x", "ext_application_token_lifetime": "soon"} |
      | a URL member as an object | application/json | {"client_name": "x", "jwks_uri": {"href": "https://tpp.example/jwks"}} |
      | additional attributes as a list | application/json | {"client_name": "x", "additionalAttributes": ["regulatory"]} |
      | additional attributes as text | application/json | {"client_name": "x", "additionalAttributes": "regulatory"} |
      | an additional attribute as an object | application/json | {"client_name": "x", "additionalAttributes": {"regulatory": {"value": "true"}}} |

  @rule:JWT-20 @rule:ERR-05 @profile:fapi
  Scenario Outline: Under FAPI RSA1_5 key transport is refused for <member>
    When the admin registers the IS DCR client "rsa15" with:
      """
      {"client_name": "{{unique:rsa15}}", "grant_types": ["authorization_code"], "redirect_uris": ["https://tpp.example/callback"],
       "<member>": "RSA1_5", "<enc member>": "A128CBC-HS256"}
      """
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"

    Examples:
      | member                          | enc member                      |
      | id_token_encrypted_response_alg | id_token_encrypted_response_enc |
      | request_object_encryption_alg   | request_object_encryption_enc   |

  @rule:WSO2-AUTHZ-12
  Scenario Outline: An ID token alg the server does not sign with is refused (<alg>)
    When the admin registers the IS DCR client "idalg" with:
      """
      {"client_name": "{{unique:idalg}}", "grant_types": ["authorization_code"], "redirect_uris": ["https://tpp.example/callback"],
       "id_token_signed_response_alg": "<alg>"}
      """
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And in the WSO2 dialect the error description is "Invalid signature algorithm requested"

    Examples:
      | alg   |
      | none  |
      | HS256 |

    @profile:fapi
    Examples: RS256 under FAPI
      | alg   |
      | RS256 |

  @rule:JWT-20 @profile:fapi
  Scenario: Under FAPI RSA-OAEP for encrypted ID tokens is registered
    When the admin registers the IS DCR client "oaep" with:
      """
      {"client_name": "{{unique:oaep}}", "grant_types": ["authorization_code"], "redirect_uris": ["https://tpp.example/callback"],
       "id_token_encrypted_response_alg": "RSA-OAEP", "id_token_encrypted_response_enc": "A128CBC-HS256"}
      """
    Then the response status is 201
    And the response member "id_token_encrypted_response_alg" is "RSA-OAEP"
