@surface:devportal @needs:apim @needs:admin-api @needs:harness-key-manager
Feature: What API Manager sends to a key manager

  The portal shows what a key manager answered, never what API Manager asked it. Here the key
  manager is the harness's own recording one (a WSO2-IS or WSO2-IS-7 connector pointed at it), and
  each call it receives is compared with what the connector's source sends (apim-surface §5).

  Background:
    Given the TPP "tpp" has signed up in the Developer Portal
    And the TPP "tpp" has created the application "TppApp"

  @rule:WSO2-KMC-01
  Scenario: Keys at a WSO2-IS key manager: the client is registered at keymanager-operations, then the application token fetched
    Given the admin has added the recording key manager "RecKM" of type "WSO2-IS"
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "RecKM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials", "authorization_code"], "callbackUrl": " https://tpp.example/cb1 , https://tpp.example/cb2,https://tpp.example/cb3 ,https://tpp.example/cb4",
       "scopes": ["accounts", "payments"],
       "additionalProperties": {"application_access_token_expiry_time": "1200", "user_access_token_expiry_time": "1300", "refresh_token_expiry_time": "86000",
         "id_token_expiry_time": "1400", "pkceMandatory": "true", "pkceSupportPlain": "false", "bypassClientCredentials": "false"}}
      """
    Then the response status is 200
    And the key manager "RecKM" received next:
      """
      {"method": "POST", "path": "/keymanager-operations/dcr/register", "authorization": "{{km-basic}}", "content-type": "application/json",
       "json": {"client_name": "{{tpp:tpp}}_{{app:TppApp}}_PRODUCTION", "application_display_name": "{{unique:TppApp}}",
         "grant_types": ["client_credentials", "authorization_code"], "redirect_uris": ["https://tpp.example/cb1", "https://tpp.example/cb2", "https://tpp.example/cb3", "https://tpp.example/cb4"],
         "token_type_extension": "JWT", "ext_application_owner": "{{tpp:tpp}}",
         "ext_application_token_lifetime": 1200, "ext_user_token_lifetime": 1300, "ext_refresh_token_lifetime": 86000, "ext_id_token_lifetime": 1400,
         "pkceMandatory": true, "pkceSupportPlain": false, "bypassClientCredentials": false}}
      """
    And the key manager "RecKM" received next:
      """
      {"method": "POST", "path": "/oauth2/token", "authorization": "{{key-basic:TppApp:PRODUCTION}}", "content-type": "application/x-www-form-urlencoded",
       "form": {"grant_type": "client_credentials", "scope": "accounts payments"}}
      """
    And the key manager "RecKM" received nothing else

  # API Manager's HTTP clients verify the key manager's certificate against its trust store; a key
  # manager whose certificate no trusted CA signed is never sent the client (nor the admin's
  # credentials), and the generation fails as any key manager failure does (WSO2-DEVP-13).
  @rule:WSO2-KMC-04
  Scenario: A key manager whose TLS certificate API Manager does not trust is sent nothing
    Given the admin has added the recording key manager "Untrusted" of type "WSO2-IS" behind a certificate the target does not trust
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "Untrusted" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    Then the portal answers 500 with the error 900967 "General Error" "Server Error Occurred"
    And the key manager "Untrusted" received nothing else

  @rule:WSO2-KMC-01
  Scenario: Without a callback URL no redirect_uris are sent, and lifetimes not given are left out
    Given the admin has added the recording key manager "RecKM" of type "WSO2-IS"
    When the TPP "tpp" generates SANDBOX keys for "TppApp" at the key manager "RecKM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"], "scopes": [],
       "additionalProperties": {"application_access_token_expiry_time": "N/A", "user_access_token_expiry_time": "", "refresh_token_expiry_time": "  ",
         "pkceMandatory": "false", "pkceSupportPlain": "true", "bypassClientCredentials": "true"}}
      """
    Then the response status is 200
    And the key manager "RecKM" received next:
      """
      {"method": "POST", "path": "/keymanager-operations/dcr/register", "authorization": "{{km-basic}}",
       "json-has": {"client_name": "{{tpp:tpp}}_{{app:TppApp}}_SANDBOX", "grant_types": ["client_credentials"], "pkceMandatory": false, "pkceSupportPlain": true, "bypassClientCredentials": true},
       "json-lacks": ["redirect_uris", "ext_application_token_lifetime", "ext_user_token_lifetime", "ext_refresh_token_lifetime", "ext_id_token_lifetime", "ext_param_client_id", "ext_param_client_secret", "client_id"]}
      """

  @rule:WSO2-KMC-02
  Scenario: Keys at a WSO2-IS-7 key manager: the client is registered at IS DCR v1.1 as WSO2IS7ClientInfo
    Given the admin has added the recording key manager "RecKM7" of type "WSO2-IS-7"
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "RecKM7" with:
      """
      {"grantTypesToBeSupported": ["client_credentials", "authorization_code"], "callbackUrl": "https://tpp.example/cb", "scopes": ["accounts"],
       "additionalProperties": {"ext_application_token_lifetime": "1200", "ext_user_token_lifetime": "1300", "ext_refresh_token_lifetime": "86000",
         "ext_id_token_lifetime": "1400", "ext_pkce_mandatory": "true", "ext_pkce_support_plain": "false", "ext_public_client": "false"}}
      """
    Then the response status is 200
    And the key manager "RecKM7" received next:
      """
      {"method": "POST", "path": "/api/identity/oauth2/dcr/v1.1/register", "authorization": "{{km-basic}}", "content-type": "application/json",
       "json-has": {"client_name": "{{tpp:tpp}}_{{app:TppApp}}_PRODUCTION", "ext_application_display_name": "{{unique:TppApp}}",
         "grant_types": ["client_credentials", "authorization_code"], "redirect_uris": ["https://tpp.example/cb"], "token_type_extension": "JWT",
         "ext_application_token_lifetime": 1200, "ext_user_token_lifetime": 1300, "ext_refresh_token_lifetime": 86000, "ext_id_token_lifetime": 1400,
         "ext_pkce_mandatory": true, "ext_pkce_support_plain": false, "ext_public_client": false,
         "backchannel_logout_session_required": false, "require_signed_request_object": false, "require_pushed_authorization_requests": false,
         "tls_client_certificate_bound_access_tokens": false, "ext_allowed_audience": "organization"},
       "json-lacks": ["ext_param_client_id", "ext_param_client_secret", "client_id"]}
      """
    And the key manager "RecKM7" received next:
      """
      {"method": "POST", "path": "/oauth2/token", "authorization": "{{key-basic:TppApp:PRODUCTION}}", "content-type": "application/x-www-form-urlencoded",
       "form": {"grant_type": "client_credentials", "scope": "accounts"}}
      """
    And the key manager "RecKM7" received nothing else

  @rule:WSO2-KMC-02
  Scenario: An IS 7 client gets the primitives even when no application configuration is given
    Given the admin has added the recording key manager "RecKM7" of type "WSO2-IS-7"
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "RecKM7" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"], "scopes": []}
      """
    Then the response status is 200
    And the key manager "RecKM7" received next:
      """
      {"method": "POST", "path": "/api/identity/oauth2/dcr/v1.1/register", "authorization": "{{km-basic}}",
       "json-has": {"ext_refresh_token_lifetime": 0, "ext_id_token_lifetime": 0, "ext_pkce_mandatory": false, "ext_pkce_support_plain": false, "ext_public_client": false},
       "json-lacks": ["redirect_uris", "ext_application_token_lifetime", "ext_user_token_lifetime"]}
      """

  @rule:WSO2-KMC-03
  Scenario: A keymanager-operations client is reached by its id in base64url with padding
    Given the admin has added the recording key manager "RecKM" of type "WSO2-IS"
    And the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "RecKM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"], "scopes": []}
      """
    And the key manager "RecKM" received next:
      """
      {"method": "POST", "path": "/keymanager-operations/dcr/register"}
      """
    And the key manager "RecKM" received next:
      """
      {"method": "POST", "path": "/oauth2/token"}
      """
    When the TPP "tpp" updates the PRODUCTION key of "TppApp" with:
      """
      {"supportedGrantTypes": ["client_credentials", "refresh_token"], "callbackUrl": "https://tpp.example/new"}
      """
    Then the response status is 200
    And the key manager "RecKM" received next:
      """
      {"method": "PUT", "path": "/keymanager-operations/dcr/register/{{key-consumer-b64url:TppApp:PRODUCTION}}", "authorization": "{{km-basic}}", "content-type": "application/json",
       "json-has": {"client_id": "{{key-consumer:TppApp:PRODUCTION}}", "client_name": "{{tpp:tpp}}_{{app:TppApp}}_PRODUCTION",
         "grant_types": ["client_credentials", "refresh_token"], "redirect_uris": ["https://tpp.example/new"]},
       "json-lacks": ["ext_param_client_id", "ext_param_client_secret"]}
      """
    When the TPP "tpp" regenerates the secret of the PRODUCTION key of "TppApp"
    Then the response status is 200
    And the key manager "RecKM" received next:
      """
      {"method": "POST", "path": "/keymanager-operations/dcr/register/{{key-consumer-b64url:TppApp:PRODUCTION}}/regenerate-consumer-secret", "authorization": "{{km-basic}}"}
      """
    When the TPP "tpp" lists the keys of "TppApp"
    Then the response status is 200
    And the key manager "RecKM" received next:
      """
      {"method": "GET", "path": "/keymanager-operations/dcr/register/{{key-consumer-b64url:TppApp:PRODUCTION}}", "authorization": "{{km-basic}}", "body": null}
      """
    When the TPP "tpp" deletes the PRODUCTION key of "TppApp"
    Then the key manager "RecKM" received next:
      """
      {"method": "DELETE", "path": "/keymanager-operations/dcr/register/{{key-consumer-b64url:TppApp:PRODUCTION}}", "authorization": "{{km-basic}}", "body": null}
      """
    And the key manager "RecKM" received nothing else

  @rule:WSO2-KMC-03
  Scenario: An IS 7 client is reached by its raw id, and regenerating its secret calls nothing
    Given the admin has added the recording key manager "RecKM7" of type "WSO2-IS-7"
    And the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "RecKM7" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"], "scopes": []}
      """
    And the key manager "RecKM7" received next:
      """
      {"method": "POST", "path": "/api/identity/oauth2/dcr/v1.1/register"}
      """
    And the key manager "RecKM7" received next:
      """
      {"method": "POST", "path": "/oauth2/token"}
      """
    When the TPP "tpp" updates the PRODUCTION key of "TppApp" with:
      """
      {"supportedGrantTypes": ["client_credentials"], "callbackUrl": ""}
      """
    Then the response status is 200
    And the response key has:
      """
      {"supportedGrantTypes": ["client_credentials"], "callbackUrl": null}
      """
    And the key manager "RecKM7" received next:
      """
      {"method": "PUT", "path": "/api/identity/oauth2/dcr/v1.1/register/{{key-consumer-uri:TppApp:PRODUCTION}}", "authorization": "{{km-basic}}", "content-type": "application/json",
       "json-has": {"client_id": "{{key-consumer:TppApp:PRODUCTION}}", "grant_types": ["client_credentials"]},
       "json-lacks": ["redirect_uris", "ext_param_client_id", "ext_param_client_secret"]}
      """
    When the TPP "tpp" regenerates the secret of the PRODUCTION key of "TppApp"
    Then the response status is 200
    And the key manager "RecKM7" received nothing else
    When the TPP "tpp" deletes the PRODUCTION key of "TppApp"
    Then the key manager "RecKM7" received next:
      """
      {"method": "DELETE", "path": "/api/identity/oauth2/dcr/v1.1/register/{{key-consumer-uri:TppApp:PRODUCTION}}", "authorization": "{{km-basic}}", "body": null}
      """
    And the key manager "RecKM7" received nothing else

  # apim-surface §4.6 (`clientId`, `clientSecret`: a preset client sent as ext_param_client_id and
  # ext_param_client_secret), §5.1, §5.2.
  @rule:WSO2-KMC-01 @rule:WSO2-KMC-02
  Scenario Outline: A preset client id and secret reach a <type> key manager with the registration
    Given the admin has added the recording key manager "RecKM" of type "<type>"
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "RecKM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"], "scopes": [], "clientId": "{{unique:preset-id}}", "clientSecret": "preset-secret-0123456789"}
      """
    Then the response status is 200
    And the response key has:
      """
      {"consumerKey": "{{unique:preset-id}}", "consumerSecret": "preset-secret-0123456789"}
      """
    And the key manager "RecKM" received next:
      """
      {"method": "POST", "path": "<path>", "json-has": {"ext_param_client_id": "{{unique:preset-id}}", "ext_param_client_secret": "preset-secret-0123456789"}}
      """

    Examples:
      | type      | path                                   |
      | WSO2-IS   | /keymanager-operations/dcr/register    |
      | WSO2-IS-7 | /api/identity/oauth2/dcr/v1.1/register |
