@surface:is-mgmt @needs:apim @needs:admin-api
Feature: keymanager-operations DCR - the registration endpoint of OBKM (seed 004)

  The key manager connector's calls to the Identity Server: register, read, update and delete
  OAuth clients, with the client id base64url-encoded in the path.

  @rule:WSO2-KMOPS-01
  Scenario: A key manager registers a client
    When the admin registers the keymanager-operations client "app" with:
      """
      {"client_name": "{{unique:admin_app}}_PRODUCTION", "application_display_name": "TppApp",
       "grant_types": ["client_credentials", "refresh_token"], "redirect_uris": [],
       "token_type_extension": "JWT", "ext_application_owner": "{{admin}}"}
      """
    Then the response status is 201
    And the response has exactly the members "client_id, client_secret, client_secret_expires_at, redirect_uris, client_name, grant_types, ext_application_owner, ext_application_token_lifetime, ext_user_token_lifetime, ext_refresh_token_lifetime, ext_id_token_lifetime, pkceMandatory, pkceSupportPlain, bypassClientCredentials, token_type_extension"
    And the response member "client_name" is "{{unique:admin_app}}_PRODUCTION"
    And the response member "client_secret_expires_at" is the JSON "null"
    And the response member "grant_types" is the JSON "[\"client_credentials\", \"refresh_token\"]"
    And the response member "pkceMandatory" is the JSON "false"
    And the response member "pkceSupportPlain" is the JSON "false"
    And the response member "bypassClientCredentials" is the JSON "false"

  @rule:WSO2-KMOPS-01
  Scenario: The Application answers the registration's settings
    When the admin registers the keymanager-operations client "app" with:
      """
      {"client_name": "{{unique:settings_app}}", "application_display_name": "TppApp",
       "grant_types": ["authorization_code", "refresh_token"], "redirect_uris": ["https://tpp.example.com/callback"],
       "token_type_extension": "DEFAULT", "ext_application_owner": "{{admin}}",
       "ext_application_token_lifetime": 1200, "ext_user_token_lifetime": 1300,
       "ext_refresh_token_lifetime": 90000, "ext_id_token_lifetime": 1400,
       "pkceMandatory": true, "pkceSupportPlain": true, "bypassClientCredentials": true}
      """
    Then the response status is 201
    And the response member "redirect_uris" is the JSON "[\"https://tpp.example.com/callback\"]"
    And the response member "grant_types" is the JSON "[\"authorization_code\", \"refresh_token\"]"
    And the response member "token_type_extension" is "DEFAULT"
    And the keymanager-operations member "ext_application_owner" is "{{admin}}"
    And the response member "ext_application_token_lifetime" is the JSON "1200"
    And the response member "ext_user_token_lifetime" is the JSON "1300"
    And the response member "ext_refresh_token_lifetime" is the JSON "90000"
    And the response member "ext_id_token_lifetime" is the JSON "1400"
    And the response member "pkceMandatory" is the JSON "true"
    And the response member "pkceSupportPlain" is the JSON "true"
    And the response member "bypassClientCredentials" is the JSON "true"

  @rule:WSO2-KMOPS-02
  Scenario: A client is read, updated and deleted by its base64url client id
    Given the admin has registered the keymanager-operations client "app" with:
      """
      {"client_name": "{{unique:managed_app}}", "grant_types": ["client_credentials"], "redirect_uris": []}
      """
    When the admin gets the keymanager-operations client "app" by its base64url client id
    Then the response status is 200
    And the response member "client_name" is "{{unique:managed_app}}"
    When the admin updates the keymanager-operations client "app" with:
      """
      {"grant_types": ["client_credentials", "refresh_token"]}
      """
    Then the response status is 200
    And the response member "grant_types" is the JSON "[\"client_credentials\", \"refresh_token\"]"
    When the admin deletes the keymanager-operations client "app"
    Then the response status is 204
    And the response body is empty
    When the admin gets the keymanager-operations client "app" by its base64url client id
    Then the response status is 401

  @rule:WSO2-KMOPS-02
  Scenario: An update changes only the settings it names
    Given the admin has registered the keymanager-operations client "app" with:
      """
      {"client_name": "{{unique:before_rename}}", "grant_types": ["client_credentials"], "redirect_uris": [],
       "ext_application_token_lifetime": 1200, "pkceMandatory": false, "token_type_extension": "JWT"}
      """
    When the admin updates the keymanager-operations client "app" with:
      """
      {"client_name": "{{unique:after_rename}}", "ext_user_token_lifetime": 1500, "pkceMandatory": true}
      """
    Then the response status is 200
    And the response member "client_name" is "{{unique:after_rename}}"
    And the response member "grant_types" is the JSON "[\"client_credentials\"]"
    And the response member "ext_application_token_lifetime" is the JSON "1200"
    And the response member "ext_user_token_lifetime" is the JSON "1500"
    And the response member "pkceMandatory" is the JSON "true"
    And the response member "token_type_extension" is "JWT"
    When the admin gets the keymanager-operations client "app" by its base64url client id
    Then the response status is 200
    And the response member "client_name" is "{{unique:after_rename}}"
    And the response member "pkceMandatory" is the JSON "true"

  @rule:WSO2-KMOPS-02
  # DCRMService.updateApplication renames only when StringUtils.isNotEmpty(clientName), and keeps
  # the stored grant types and callback when the request's lists are empty.
  Scenario: An update with an empty name, grant types and redirect URIs keeps the stored ones
    Given the admin has registered the keymanager-operations client "app" with:
      """
      {"client_name": "{{unique:kept_lists}}", "grant_types": ["authorization_code", "refresh_token"],
       "redirect_uris": ["https://tpp.example.com/callback"], "pkceMandatory": true, "pkceSupportPlain": true}
      """
    When the admin updates the keymanager-operations client "app" with:
      """
      {"client_name": "", "grant_types": [], "redirect_uris": [], "ext_user_token_lifetime": 1500}
      """
    Then the response status is 200
    And the response member "client_name" is "{{unique:kept_lists}}"
    And the response member "grant_types" is the JSON "[\"authorization_code\", \"refresh_token\"]"
    And the response member "redirect_uris" is the JSON "[\"https://tpp.example.com/callback\"]"
    And the response member "ext_user_token_lifetime" is the JSON "1500"
    And the response member "pkceMandatory" is the JSON "true"
    And the response member "pkceSupportPlain" is the JSON "true"

  @rule:WSO2-KMOPS-03
  Scenario: A duplicate client name is a 400 with a null code
    Given the admin has registered the keymanager-operations client "app" with:
      """
      {"client_name": "{{unique:twin}}", "grant_types": ["client_credentials"]}
      """
    When the admin registers the keymanager-operations client "again" with:
      """
      {"client_name": "{{unique:twin}}", "grant_types": ["client_credentials"]}
      """
    Then the response status is 400
    And the response is the keymanager-operations error "invalid_client_metadata" "Application with the name {{unique:twin}} already exist in the system"

  @rule:WSO2-KMOPS-13
  Scenario Outline: A registration without a usable client name is refused (<case>)
    When the admin registers the keymanager-operations client "nameless" with:
      """
      {<name>"grant_types": ["client_credentials"], "application_display_name": "{{unique:nameless}}"}
      """
    Then the response status is 400
    And the response is the keymanager-operations error "invalid_client_metadata" "The client name is missing or empty."

    Examples:
      | case             | name                   |
      | absent           |                        |
      | empty            | "client_name": "",     |
      | white space only | "client_name": "   ",  |
      | a number         | "client_name": 7,      |

  @rule:WSO2-KMOPS-04
  Scenario Outline: An unknown client answers 401 with an empty body (<verb>)
    When the admin <verb> a keymanager-operations client that does not exist
    Then the response status is 401
    And the response body is empty

    Examples:
      | verb    |
      | gets    |
      | updates |
      | deletes |

  @rule:WSO2-KMOPS-05
  Scenario: A relative redirect URI is refused
    When the admin registers the keymanager-operations client "app" with:
      """
      {"client_name": "{{unique:relative}}", "grant_types": ["authorization_code"], "redirect_uris": ["/callback"]}
      """
    Then the response status is 400
    And the response member "message" is "invalid_redirect_uri"

  @rule:WSO2-KMOPS-05
  Scenario: A redirect URI with a fragment is refused
    When the admin registers the keymanager-operations client "app" with:
      """
      {"client_name": "{{unique:fragment}}", "grant_types": ["authorization_code"], "redirect_uris": ["https://tpp.example.com/callback#frag"]}
      """
    Then the response status is 400
    And the response member "message" is "invalid_redirect_uri"

  @rule:WSO2-KMOPS-06
  Scenario Outline: A caller <who> cannot register
    When a caller "<who>" registers a keymanager-operations client
    Then the response status is 401
    And the response header "WWW-Authenticate" starts with "Basic"

    Examples:
      | who                   |
      | without credentials   |
      | with a wrong password |

  @rule:WSO2-KMOPS-07
  Scenario: Regenerating the secret of, or changing the owner of, an unknown client is a bare 500
    When the admin regenerates the secret of a keymanager-operations client that does not exist
    Then the response status is 500
    And the response body is empty
    When the admin changes the owner of a keymanager-operations client that does not exist
    Then the response status is 500
    And the response body is empty

  @rule:WSO2-KMOPS-08
  Scenario: Preset credentials become the client's, and a preset client id cannot be reused
    When the admin registers the keymanager-operations client "app" with:
      """
      {"client_name": "{{unique:preset_app}}", "grant_types": ["client_credentials"], "redirect_uris": [],
       "ext_param_client_id": "{{clientid:presetid}}", "ext_param_client_secret": "{{clientid:presetsecret}}"}
      """
    Then the response status is 201
    And the keymanager-operations member "client_id" is "{{clientid:presetid}}"
    And the keymanager-operations member "client_secret" is "{{clientid:presetsecret}}"
    When the admin registers the keymanager-operations client "again" with:
      """
      {"client_name": "{{unique:preset_again}}", "grant_types": ["client_credentials"], "redirect_uris": [],
       "ext_param_client_id": "{{clientid:presetid}}"}
      """
    Then the response status is 400
    And the response member "message" is "invalid_client_metadata"

  @rule:WSO2-KMOPS-08
  Scenario: Empty preset credentials are generated
    When the admin registers the keymanager-operations client "app" with:
      """
      {"client_name": "{{unique:empty_preset}}", "grant_types": ["client_credentials"], "redirect_uris": [],
       "ext_param_client_id": "", "ext_param_client_secret": ""}
      """
    Then the response status is 201
    And the response member "client_id" is a non-empty string
    And the response member "client_secret" is a non-empty string

  # apim-surface §5.1: APIM sends the application's user as ext_application_owner; the Application
  # names that owner, not the key manager's admin user who made the call.
  @rule:WSO2-KMOPS-01
  Scenario: A registration for another user answers that user as the owner
    Given the TPP "tpp" has signed up in the Developer Portal
    When the admin registers the keymanager-operations client "app" with:
      """
      {"client_name": "{{unique:tpp_app}}", "grant_types": ["client_credentials"], "redirect_uris": [], "ext_application_owner": "{{tpp:tpp}}"}
      """
    Then the response status is 201
    And the keymanager-operations member "ext_application_owner" is "{{tpp:tpp}}"

  @rule:WSO2-KMOPS-09
  Scenario: change-owner makes another user the owner
    Given the TPP "tpp" has signed up in the Developer Portal
    And the admin has registered the keymanager-operations client "app" with:
      """
      {"client_name": "{{unique:owned_app}}", "grant_types": ["client_credentials"], "redirect_uris": [], "ext_application_owner": "{{admin}}"}
      """
    When the admin changes the owner of the keymanager-operations client "app" to "{{tpp:tpp}}"
    Then the response status is 200
    And the response member "client_name" is "{{unique:owned_app}}"
    And the keymanager-operations member "ext_application_owner" is "{{tpp:tpp}}"

  @rule:WSO2-KMOPS-10
  Scenario: regenerate-consumer-secret answers a new secret for the same client
    Given the admin has registered the keymanager-operations client "app" with:
      """
      {"client_name": "{{unique:rotated_app}}", "grant_types": ["client_credentials"], "redirect_uris": []}
      """
    When the admin regenerates the secret of the keymanager-operations client "app"
    Then the response status is 200
    And the response is the keymanager-operations client "app" with a new client secret
    And the response member "client_name" is "{{unique:rotated_app}}"

  # identity-inbound-auth-oauth OAuthAdminServiceImpl.updateAndRetrieveOauthSecretKey, which
  # DCRMService.getNewApplicationConsumerSecret calls: updateAppAndRevokeTokensAndAuthzCodes.
  @rule:WSO2-KMOPS-10 @profile:generic
  Scenario: regenerate-consumer-secret revokes the client's tokens
    Given the admin has registered the keymanager-operations client "app" with:
      """
      {"client_name": "{{unique:revoked_app}}", "grant_types": ["client_credentials"], "redirect_uris": []}
      """
    And the keymanager-operations client "app" authenticates with its client secret
    And the client "app" has obtained a client_credentials token as tpp1
    When the admin regenerates the secret of the keymanager-operations client "app"
    Then the response status is 200
    When the admin introspects the access token of "app"
    Then the introspection says only that the token is inactive

  @rule:WSO2-KMOPS-11
  Scenario: The super tenant's endpoint is also served under /t/carbon.super
    When the admin registers the keymanager-operations client "app" under "/t/carbon.super" with:
      """
      {"client_name": "{{unique:tenant_app}}", "grant_types": ["client_credentials"], "redirect_uris": []}
      """
    Then the response status is 201
    When the admin gets the keymanager-operations client "app" by its base64url client id
    Then the response status is 200
    And the response member "client_name" is "{{unique:tenant_app}}"
    When the admin gets the keymanager-operations client "app" under "/t/carbon.super"
    Then the response status is 200
    And the response member "client_name" is "{{unique:tenant_app}}"

  @rule:WSO2-KMOPS-12
  Scenario: Renaming a client to another client's name is a bare 500 and keeps its name
    Given the admin has registered the keymanager-operations client "first" with:
      """
      {"client_name": "{{unique:first_name}}", "grant_types": ["client_credentials"], "redirect_uris": []}
      """
    And the admin has registered the keymanager-operations client "second" with:
      """
      {"client_name": "{{unique:second_name}}", "grant_types": ["client_credentials"], "redirect_uris": []}
      """
    When the admin updates the keymanager-operations client "second" with:
      """
      {"client_name": "{{unique:first_name}}"}
      """
    Then the response status is 500
    And the response body is empty
    When the admin gets the keymanager-operations client "second" by its base64url client id
    Then the response status is 200
    And the response member "client_name" is "{{unique:second_name}}"
