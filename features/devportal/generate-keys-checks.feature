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
      | a lifetime that is no number           | {"regulatory": "false", "ext_user_token_lifetime": "soon"}      | Invalid additional properties. Application configuration lifetime values cannot be parsed to a long value. |
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
    And the portal key manager list does not have "IS7KM"
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    Then the portal answers 403 with the error 902013 "Unauthorized Access to Key Manager" "Key Manager is Restricted for this user"

  # Disabling the Resident Key Manager changes the bank for everyone until it is put back.
  @rule:WSO2-DEVP-20 @needs:change-server-settings
  Scenario: With the Resident Key Manager disabled, keys without a key manager are refused
    When the admin disables the key manager "Resident Key Manager"
    Then the response status is 200
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" without naming a key manager
    Then the portal answers 400 with the error 901403 "Key Manager not Registered" "Key Manager not Registered"

  # apim-surface §3.10: the fields the portal shows at key generation come from the key manager's
  # connector (AM44 DefaultKeyManagerConnectorConfiguration, KMIS7 WSO2IS7ConnectorConfiguration,
  # the FS deployment.toml's application type attributes).
  @rule:WSO2-DEVP-27
  Scenario: The portal lists each key manager with its connector's application configurations
    When the TPP "tpp" reads the portal key managers
    Then the response status is 200
    And the portal key manager "IS7KM" offers the application configurations:
      | name                           | label                  | type     | required | default | values      |
      | ext_application_token_lifetime |                        | input    | false    | N/A     |             |
      | ext_user_token_lifetime        |                        | input    | false    | N/A     |             |
      | ext_refresh_token_lifetime     |                        | input    | false    | N/A     |             |
      | ext_id_token_lifetime          |                        | input    | false    | N/A     |             |
      | ext_pkce_mandatory             |                        | checkbox | false    | false   |             |
      | ext_pkce_support_plain         |                        | checkbox | false    | false   |             |
      | ext_public_client              |                        | checkbox | false    | false   |             |
      | regulatory                     | Regulatory Application | select   | true     |         | true, false |
      | sp_certificate                 |                        | input    | false    |         |             |
    And the portal key manager "Resident Key Manager" offers the application configurations:
      | name                                 | label                   | type     | required | default | values |
      | application_access_token_expiry_time |                         | input    | false    | N/A     |        |
      | user_access_token_expiry_time        |                         | input    | false    | N/A     |        |
      | refresh_token_expiry_time            |                         | input    | false    | N/A     |        |
      | id_token_expiry_time                 |                         | input    | false    | N/A     |        |
      | pkceMandatory                        | Enable PKCE             | checkbox | false    | false   |        |
      | pkceSupportPlain                     | Support PKCE Plain text | checkbox | false    | false   |        |
      | bypassClientCredentials              | Public client           | checkbox | false    | false   |        |
