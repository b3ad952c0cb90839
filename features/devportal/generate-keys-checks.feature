@surface:devportal @needs:apim @needs:admin-api
Feature: The checks of generate keys, in the product's order

  Seed 000 step 5.4 with what the portal refuses: a key manager that is not registered or is
  disabled, a second generation, the code grant without a callback URL, a regulatory
  application without its required values or certificate, and a key manager that fails.

  Background:
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    And the TPP "tpp" has signed up in the Developer Portal
    And the TPP "tpp" has created the application "TppApp"

  @rule:WSO2-DEVP-08
  Scenario: Keys at a key manager that does not exist are refused
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at a key manager that does not exist
    Then the portal answers 400 with the error 901403 "Key Manager not Registered" "Key Manager not Registered"

  @rule:WSO2-DEVP-08
  Scenario: Keys at a disabled key manager are refused
    When the admin disables the key manager "IS7KM"
    Then the response status is 200
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    Then the portal answers 400 with the error 901403 "Key Manager not Registered" "Key Manager not Registered"

  @rule:WSO2-DEVP-09
  Scenario: A second generation for the same key type at the same key manager is refused
    Given the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    Then the portal answers 409 with the error 901409 "Key Mappings already exists" "Key Mappings already exists"

  @rule:WSO2-DEVP-10
  Scenario: The code grant needs a callback URL
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["authorization_code", "refresh_token"]}
      """
    Then the portal answers 400 with the error 400 "Bad Request" "The callback url must have at least one URI value when using Authorization code or implicit grant types."

  @rule:WSO2-DEVP-11
  Scenario: The FS Key Manager needs the Regulatory Application value
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"],
       "additionalProperties": {"ext_pkce_mandatory": "true", "ext_pkce_support_plain": "false", "ext_public_client": "false"}}
      """
    Then the portal answers 400 with the error 901407 "Required application properties are missing" "Required application properties are missing"

  @rule:WSO2-DEVP-11
  Scenario: Enable PKCE must be true or false
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"],
       "additionalProperties": {"ext_pkce_mandatory": "yes", "regulatory": "false"}}
      """
    Then the portal answers 400 with the error 900970 "Invalid application additional properties" "Invalid additional properties. Invalid value for ext_pkce_mandatory. Expected boolean value, but found: yes"

  # apim-surface §4.6 check 9: FSKeyManagerImpl.validateOAuthAppCreationProperties.
  @rule:WSO2-DEVP-11
  Scenario Outline: The FS Key Manager refuses <case>
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"], "additionalProperties": <properties>}
      """
    Then the portal answers 400 with the error 900970 "Invalid application additional properties" "<description>"

    Examples:
      | case                                   | properties                                                      | description                                                                                                |
      | a negative lifetime                    | {"regulatory": "false", "ext_application_token_lifetime": "-5"} | Invalid additional properties. Application configuration values cannot have negative values.               |
      | a negative refresh lifetime            | {"regulatory": "false", "ext_refresh_token_lifetime": "-1"}     | Invalid additional properties. Application configuration values cannot have negative values.               |
      | a lifetime that is no number           | {"regulatory": "false", "ext_user_token_lifetime": "soon"}      | Invalid additional properties. Application configuration lifetime values cannot be parsed to a long value. |
      | a lifetime with letters after digits   | {"regulatory": "false", "ext_id_token_lifetime": "60s"}         | Invalid additional properties. Application configuration lifetime values cannot be parsed to a long value. |
      | a lifetime with letters before digits  | {"regulatory": "false", "ext_id_token_lifetime": "t60"}         | Invalid additional properties. Application configuration lifetime values cannot be parsed to a long value. |
      | a plain-PKCE flag of yes               | {"regulatory": "false", "ext_pkce_support_plain": "yes"}        | Invalid additional properties. Invalid value for ext_pkce_support_plain. Expected boolean value, but found: yes |
      | a public-client flag of 1              | {"regulatory": "false", "ext_public_client": "1"}               | Invalid additional properties. Invalid value for ext_public_client. Expected boolean value, but found: 1    |
      | additional properties that are no JSON | "{regulatory: false"                                            | Invalid additional properties. Additional properties is not a valid JSON string                            |

  @rule:WSO2-DEVP-12
  Scenario Outline: A regulatory application needs a valid application certificate (<case>)
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["authorization_code", "client_credentials"], "callbackUrl": "https://tpp.example.com/callback",
       "additionalProperties": {"ext_pkce_mandatory": "true", "ext_pkce_support_plain": "false", "ext_public_client": "false",
         "regulatory": "true"<certificate>}}
      """
    Then the portal answers 500 with the error 900953 "Key Management Error" "Error while updating the consumer application."

    Examples:
      | case                 | certificate                                  |
      | no certificate       |                                              |
      | not a certificate    | , "sp_certificate": "not a certificate"      |
      | expired certificate  | , "sp_certificate": "{{expired-certificate}}" |

  @rule:WSO2-DEVP-13
  Scenario: A key manager that refuses the client leaves a half-created key until it is cleaned up
    Given the admin adds the seed 000 fsKeyManager "BrokenKM" with the changes:
      """
      {"clientRegistrationEndpoint": "{{is}}/api/identity/oauth2/dcr/v1.1/obc-no-such-register"}
      """
    And the response status is 201
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "BrokenKM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    Then the portal answers 500 with the error 900967 "General Error" "Server Error Occurred"
    When the TPP "tpp" lists the keys of "TppApp"
    Then a half-created PRODUCTION key of "TppApp" is listed at the key manager "BrokenKM"
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "BrokenKM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    Then the portal answers 409 with the error 901409 "Key Mappings already exists" "Key Mappings already exists"
    When the TPP "tpp" cleans up the half-created PRODUCTION key of "TppApp"
    Then the response status is 200
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "BrokenKM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    Then the portal answers 500 with the error 900967 "General Error" "Server Error Occurred"

  @rule:WSO2-DEVP-19
  Scenario: A key manager restricted to other roles is hidden from the TPP and refuses its keys
    When the admin updates the key manager "IS7KM" with:
      """
      {"permissions": {"permissionType": "ALLOW", "roles": ["admin"]}}
      """
    Then the response status is 200
    When the TPP "tpp" reads the portal key managers
    Then the response status is 200
    And the portal key manager "IS7KM" is not listed
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    Then the portal answers 403 with the error 902013 "Unauthorized Access to Key Manager" "Key Manager is Restricted for this user"

  # apim-surface §3 (permissions: PUBLIC, ALLOW, DENY); self sign-up gives a TPP the Internal/subscriber role.
  @rule:WSO2-DEVP-19
  Scenario Outline: A key manager whose permissions <how> is <seen> the TPP
    When the admin updates the key manager "IS7KM" with:
      """
      {"permissions": {"permissionType": "<type>", "roles": [<roles>]}}
      """
    Then the response status is 200
    When the TPP "tpp" reads the portal key managers
    Then the response status is 200
    And the portal key manager "IS7KM" is <listed>

    Examples:
      | how                                 | type  | roles                 | seen        | listed     |
      | deny the TPP's role                 | DENY  | "Internal/subscriber" | hidden from | not listed |
      | deny only other roles               | DENY  | "Internal/creator"    | shown to    | listed     |
      | allow the TPP's role                | ALLOW | "Internal/subscriber" | shown to    | listed     |

  # Disabling the Resident Key Manager changes the bank for everyone until it is put back.
  @rule:WSO2-DEVP-20 @needs:change-server-settings
  Scenario: With the Resident Key Manager disabled, keys without a key manager are refused
    When the admin disables the key manager "Resident Key Manager"
    Then the response status is 200
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" without naming a key manager
    Then the portal answers 400 with the error 901403 "Key Manager not Registered" "Key Manager not Registered"

  # apim-surface §3.10: the fields the portal shows at key generation come from the key manager's
  # connector (AM44 DefaultKeyManagerConnectorConfiguration, KMIS7 WSO2IS7ConnectorConfiguration,
  # the FS deployment.toml's application type attributes), labels and tooltips as their sources
  # write them (a quoted cell keeps its trailing space).
  @rule:WSO2-DEVP-27
  Scenario: The portal lists each key manager with its connector's application configurations
    When the TPP "tpp" reads the portal key managers
    Then the response status is 200
    And the portal key manager "IS7KM" offers the application configurations:
      | name                           | label                                | type     | required | default | values      | tooltip                                                               |
      | ext_application_token_lifetime | "Lifetime of the Application Token " | input    | false    | N/A     |             | "Type Lifetime of the Application Token in seconds "                  |
      | ext_user_token_lifetime        | "Lifetime of the User Token "        | input    | false    | N/A     |             | "Type Lifetime of the User Token in seconds "                         |
      | ext_refresh_token_lifetime     | "Lifetime of the Refresh Token "     | input    | false    | N/A     |             | "Type Lifetime of the Refresh Token in seconds "                      |
      | ext_id_token_lifetime          | Lifetime of the ID Token             | input    | false    | N/A     |             | "Type Lifetime of the ID Token in seconds "                           |
      | ext_pkce_mandatory             | Enable PKCE                          | checkbox | false    | false   |             | Enable PKCE                                                           |
      | ext_pkce_support_plain         | Support PKCE Plain text              | checkbox | false    | false   |             | S256 is recommended, plain text too can be used.                      |
      | ext_public_client              | Public client                        | checkbox | false    | false   |             | Allow authentication without the client secret.                       |
      | regulatory                     | Regulatory Application               | select   | true     |         | true, false | Is this application complied to Open Banking                          |
      | sp_certificate                 | Application Certificate              | input    | false    |         |             | Application Certificate - Mandatory if private_key_jwt Token method is selected |
    And the portal key manager "Resident Key Manager" offers the application configurations:
      | name                                 | label                                    | type     | required | default | values | tooltip                                                  |
      | application_access_token_expiry_time | "Application Access Token Expiry Time "  | input    | false    | N/A     |        | "Type Application Access Token Expiry Time in seconds "  |
      | user_access_token_expiry_time        | "User Access Token Expiry Time "         | input    | false    | N/A     |        | "Type User Access Token Expiry Time in seconds "         |
      | refresh_token_expiry_time            | "Refresh Token Expiry Time "             | input    | false    | N/A     |        | "Type Refresh Token Expiry Time in seconds "             |
      | id_token_expiry_time                 | Id Token Expiry Time                     | input    | false    | N/A     |        | "Type ID Token Expiry Time in seconds "                  |
      | pkceMandatory                        | Enable PKCE                              | checkbox | false    | false   |        | Enable PKCE                                              |
      | pkceSupportPlain                     | Support PKCE Plain text                  | checkbox | false    | false   |        | S256 is recommended, plain text too can be used.         |
      | bypassClientCredentials              | Public client                            | checkbox | false    | false   |        | Allow authentication without the client secret.          |

  # apim-surface §3.10 (KMIS7 WSO2IS7ConnectorConfiguration): the IS 7 connector's own configurations,
  # the fsKeyManager's without the Open Banking attributes.
  @rule:WSO2-DEVP-27
  Scenario: The portal lists an IS 7 key manager with its connector's application configurations
    Given the admin adds the seed 000 fsKeyManager "IS7Plain" with the changes:
      """
      {"type": "WSO2-IS-7"}
      """
    And the response status is 201
    When the TPP "tpp" reads the portal key managers
    Then the response status is 200
    And the portal key manager "IS7Plain" offers the application configurations:
      | name                           | label                                | type     | required | default | values      | tooltip                                                               |
      | ext_application_token_lifetime | "Lifetime of the Application Token " | input    | false    | N/A     |             | "Type Lifetime of the Application Token in seconds "                  |
      | ext_user_token_lifetime        | "Lifetime of the User Token "        | input    | false    | N/A     |             | "Type Lifetime of the User Token in seconds "                         |
      | ext_refresh_token_lifetime     | "Lifetime of the Refresh Token "     | input    | false    | N/A     |             | "Type Lifetime of the Refresh Token in seconds "                      |
      | ext_id_token_lifetime          | Lifetime of the ID Token             | input    | false    | N/A     |             | "Type Lifetime of the ID Token in seconds "                           |
      | ext_pkce_mandatory             | Enable PKCE                          | checkbox | false    | false   |             | Enable PKCE                                                           |
      | ext_pkce_support_plain         | Support PKCE Plain text              | checkbox | false    | false   |             | S256 is recommended, plain text too can be used.                      |
      | ext_public_client              | Public client                        | checkbox | false    | false   |             | Allow authentication without the client secret.                       |

  # apim-surface §4.5 (AM44 store/v1 KeyManagerMappingUtil): the display endpoints where set, else the
  # real ones; of the connector's additional properties only the per-environment endpoints, never the
  # credentials APIM signs in with; a disabled key manager stays listed.
  @rule:WSO2-DEVP-31
  Scenario: The portal lists a key manager as the admin configured it, without its credentials
    When the admin adds the seed 000 fsKeyManager "Shown" with the changes:
      """
      {"displayName": "Shown to TPPs", "description": "The bank's FS key manager",
       "displayTokenEndpoint": "https://tokens.example/token", "displayRevokeEndpoint": "https://tokens.example/revoke",
       "enableTokenHashing": true,
       "additionalProperties": {"Username": "{{admin}}", "Password": "{{admin_password}}",
         "api_resource_management_endpoint": "{{is}}/api/server/v1/api-resources", "is7_roles_endpoint": "{{is}}/scim2/v2/Roles",
         "enable_roles_creation": true,
         "production_token_endpoint": "https://tokens.example/production/token", "sandbox_revoke_endpoint": "https://tokens.example/sandbox/revoke"}}
      """
    Then the response status is 201
    When the TPP "tpp" reads the portal key managers
    Then the response status is 200
    And the portal key manager "Shown" is listed with:
      """
      {"name": "{{unique:Shown}}", "type": "fsKeyManager", "displayName": "Shown to TPPs", "description": "The bank's FS key manager",
       "enabled": true, "availableGrantTypes": ["client_credentials", "refresh_token", "authorization_code", "urn:ietf:params:oauth:grant-type:jwt-bearer"],
       "tokenEndpoint": "https://tokens.example/token", "revokeEndpoint": "https://tokens.example/revoke", "userInfoEndpoint": "{{is}}/scim2/Me",
       "enableTokenGeneration": true, "enableTokenEncryption": false, "enableTokenHashing": true,
       "enableOAuthAppCreation": true, "enableMapOAuthConsumerApps": true, "tokenType": "DIRECT",
       "additionalProperties": {"production_token_endpoint": "https://tokens.example/production/token", "sandbox_revoke_endpoint": "https://tokens.example/sandbox/revoke"}}
      """
    When the admin updates the key manager "Shown" with:
      """
      {"displayTokenEndpoint": null, "displayRevokeEndpoint": null, "enableTokenGeneration": false, "enabled": false}
      """
    Then the response status is 200
    When the TPP "tpp" reads the portal key managers
    Then the portal key manager "Shown" is listed with:
      """
      {"enabled": false, "tokenEndpoint": "{{is}}/oauth2/token", "revokeEndpoint": "{{is}}/oauth2/revoke", "enableTokenGeneration": false}
      """

  # apim-surface §4.6 check 9: AMDefaultKeyManagerImpl.validateOAuthAppCreationProperties (the
  # default, WSO2-IS and WSO2-IS-7 types) checks every value sent that is not blank or N/A.
  @rule:WSO2-DEVP-11
  Scenario Outline: An IS 7 key manager refuses <case>
    Given the admin adds the seed 000 fsKeyManager "IS7Plain" with the changes:
      """
      {"type": "WSO2-IS-7"}
      """
    And the response status is 201
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7Plain" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"], "additionalProperties": <properties>}
      """
    Then the portal answers 400 with the error 900970 "Invalid application additional properties" "Invalid additional properties. Application configuration values cannot have <kind> values."
    When the TPP "tpp" lists the keys of "TppApp"
    Then the response member "count" is the JSON "0"

    Examples:
      | case                                   | properties                                         | kind     |
      | a PKCE flag other than true or false   | {"pkceMandatory": "yes"}                           | negative |
      | a plain-PKCE flag of no                | {"pkceSupportPlain": "no"}                         | negative |
      | a public-client flag of 1              | {"bypassClientCredentials": "1"}                   | negative |
      | its own PKCE flag of yes               | {"ext_pkce_mandatory": "yes"}                      | negative |
      | its own plain-PKCE flag of yes         | {"ext_pkce_support_plain": "yes"}                  | negative |
      | its own public-client flag of 1        | {"ext_public_client": "1"}                         | negative |
      | a negative lifetime                    | {"application_access_token_expiry_time": "-1"}     | negative |
      | a lifetime that is no number           | {"user_access_token_expiry_time": "soon"}          | string   |
      | a lifetime with a fraction             | {"refresh_token_expiry_time": "36.5"}              | string   |
      | a lifetime with letters after digits   | {"id_token_expiry_time": "60s"}                    | string   |
      | a property of another connector        | {"regulatory": "true"}                             | string   |

  @rule:WSO2-DEVP-11
  Scenario: An IS 7 key manager takes lifetimes, flags, blanks and N/A
    Given the admin adds the seed 000 fsKeyManager "IS7Plain" with the changes:
      """
      {"type": "WSO2-IS-7"}
      """
    And the response status is 201
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7Plain" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"],
       "additionalProperties": {"application_access_token_expiry_time": "3600", "user_access_token_expiry_time": "N/A",
         "refresh_token_expiry_time": " ", "id_token_expiry_time": "0", "pkceMandatory": "false", "pkceSupportPlain": "true"}}
      """
    Then the response status is 200

  # apim-surface §4.6 check 9: OBKeyManagerImpl.validateOAuthAppCreationProperties checks the
  # lifetimes only; the toolkit's attributes go to its extension (none by default).
  @rule:WSO2-DEVP-11
  Scenario Outline: An Open Banking key manager refuses <case>
    Given the admin adds the seed 000 fsKeyManager "OBPlain" with the changes:
      """
      {"type": "ObKeyManager", "clientRegistrationEndpoint": "{{is}}/keymanager-operations/dcr/register"}
      """
    And the response status is 201
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "OBPlain" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"], "additionalProperties": <properties>}
      """
    Then the portal answers 400 with the error 900970 "Invalid application additional properties" "Invalid additional properties. <description>"

    Examples:
      | case                                   | properties                                        | description                                                  |
      | a negative lifetime                    | {"application_access_token_expiry_time": "-7"}    | Application configuration values cannot have negative values. |
      | a negative user lifetime               | {"user_access_token_expiry_time": "-1"}           | Application configuration values cannot have negative values. |
      | a negative refresh lifetime            | {"refresh_token_expiry_time": "-1"}               | Application configuration values cannot have negative values. |
      | a lifetime that is no number           | {"id_token_expiry_time": "later"}                 | Application configuration values cannot have string values.   |
      | a lifetime with letters after digits   | {"id_token_expiry_time": "60s"}                   | Application configuration values cannot have string values.   |
      | a lifetime with letters before digits  | {"id_token_expiry_time": "t60"}                   | Application configuration values cannot have string values.   |
      | additional properties that are no JSON | "{regulatory"                                     | Additional properties is not a valid JSON string              |
      | additional properties that are a list  | "[\"regulatory\"]"                                | Additional properties is not a valid json object              |

  @rule:WSO2-DEVP-11
  Scenario: An Open Banking key manager passes its toolkit's attributes on unchecked
    Given the admin adds the seed 000 fsKeyManager "OBPlain" with the changes:
      """
      {"type": "ObKeyManager", "clientRegistrationEndpoint": "{{is}}/keymanager-operations/dcr/register"}
      """
    And the response status is 201
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "OBPlain" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"],
       "additionalProperties": {"regulatory": "perhaps", "pkceMandatory": "yes", "application_access_token_expiry_time": "3600",
         "user_access_token_expiry_time": "0"}}
      """
    Then the response status is 200

  # apim-surface §4.6 check 1: ApplicationKeyGenerateRequest's bean validation (keyType an enum:
  # any other string binds to null).
  @rule:WSO2-DEVP-33
  Scenario Outline: Keys requested <case> fail bean validation and nothing is generated
    When the TPP "tpp" generates keys for "TppApp" at the key manager "IS7KM" with the request changed by:
      """
      <changes>
      """
    Then the response is the APIM error 400 "Bad Request" "Validation Error"
    And the APIM error lists "400_<member>" "<member>: must not be null"
    When the TPP "tpp" lists the keys of "TppApp"
    Then the response member "count" is the JSON "0"

    Examples:
      | case                 | changes                            | member                  |
      | without a key type   | {"keyType": null}                  | keyType                 |
      | with a key type TEST | {"keyType": "TEST"}                | keyType                 |
      | without grant types  | {"grantTypesToBeSupported": null}  | grantTypesToBeSupported |

  # apim-surface §4.6 checks 5 and 6.
  @rule:WSO2-DEVP-33
  Scenario Outline: A key manager <how> generates no keys
    When the admin updates the key manager "IS7KM" with:
      """
      <changes>
      """
    Then the response status is 200
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    Then the portal answers 400 with the error 901405 "Key Manager doesn't support generating OAuth applications" "Key Manager doesn't support generating OAuth applications"
    When the TPP "tpp" lists the keys of "TppApp"
    Then the response member "count" is the JSON "0"

    Examples:
      | how                                   | changes                           |
      | with OAuth app creation off           | {"enableOAuthAppCreation": false} |
      | whose tokens are exchanged             | {"tokenType": "EXCHANGED"}        |

  @rule:WSO2-DEVP-10
  Scenario: The implicit grant needs a callback URL too
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["implicit"]}
      """
    Then the portal answers 400 with the error 400 "Bad Request" "The callback url must have at least one URI value when using Authorization code or implicit grant types."

  # apim-surface §4.6 check 9: values are strings; a JSON boolean or number reads as its text.
  @rule:WSO2-DEVP-11
  Scenario: The FS Key Manager takes flags and lifetimes sent as JSON booleans and numbers, zero included
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"],
       "additionalProperties": {"regulatory": "false", "ext_pkce_mandatory": true, "ext_public_client": false,
         "ext_application_token_lifetime": 0, "ext_user_token_lifetime": 1200}}
      """
    Then the response status is 200

  # apim-surface §4.6 check 9: a blank sp_certificate is the product's NullPointerException.
  @rule:WSO2-DEVP-12
  Scenario: A regulatory application with a blank application certificate fails
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"],
       "additionalProperties": {"regulatory": "true", "sp_certificate": "   "}}
      """
    Then the response is the product's generic internal error

