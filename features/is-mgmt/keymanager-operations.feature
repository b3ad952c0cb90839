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

  @rule:WSO2-KMOPS-06
  Scenario Outline: A caller <who> cannot register
    When a caller "<who>" registers a keymanager-operations client
    Then the response status is 401

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
