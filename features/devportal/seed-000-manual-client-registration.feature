@surface:devportal @needs:apim @needs:admin-api
Feature: Seed 000 - Create Application using Manual Client Registration

  The TPP's steps of "Using Manual Client Registration Flow" against the FS Key Manager the admin
  configured ("Configure FS Key Manager in WSO2 API Manager"): sign up, sign in, create an
  application, subscribe, then generate production and sandbox keys with each option of step 5.4.

  Background:
    Given the admin has added the seed 000 fsKeyManager "IS7KM"

  @rule:WSO2-DEVP-01 @rule:WSO2-DEVP-03 @rule:WSO2-DEVP-06 @rule:WSO2-DEVP-16 @rule:WSO2-DEVP-14
  Scenario: A TPP signs up, creates an application, subscribes and generates production keys with PKCE
    # Step 1: Sign up as a TPP (Create Account > Proceed Self Register > form > Register).
    When the TPP "tpp" signs up in the Developer Portal
    Then the response status is 201
    # Step 2: Sign in to the Developer Portal as the TPP.
    When the TPP "tpp" signs in to the Developer Portal with a REST API token
    Then the response status is 200
    # Step 3: Create an application (ADD NEW APPLICATION > SAVE).
    When the TPP "tpp" creates the application "TppApp"
    Then the response status is 201
    And the response member "status" is "APPROVED"
    # Step 4: Subscribe to API (APIs > the API > SUBSCRIBE > application and Throttling Policy).
    Given the TPP "tpp" has found the API "AccountandTransactionAPI" in the Developer Portal
    When the TPP "tpp" subscribes the application "TppApp" to the API "AccountandTransactionAPI" with the tier "Gold"
    Then the response status is 201
    # Step 5.1-5.4: Production Keys > OAuth2 Tokens: Code, Client Credentials, Refresh Token,
    # the Callback URL, Enable PKCE, not plain PKCE, a non-regulatory application.
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["authorization_code", "client_credentials", "refresh_token"],
       "callbackUrl": "https://tpp.example.com/callback",
       "additionalProperties": {"ext_application_token_lifetime": "N/A", "ext_user_token_lifetime": "N/A",
         "ext_refresh_token_lifetime": "N/A", "ext_id_token_lifetime": "N/A", "ext_pkce_mandatory": "true",
         "ext_pkce_support_plain": "false", "ext_public_client": "false", "regulatory": "false"}}
      """
    # 5.5-5.6: GENERATE KEYS shows the consumer key and secret.
    Then the response status is 200
    And the response is the new PRODUCTION key of "TppApp" generated at the key manager "IS7KM"
    And the response key has:
      """
      {"supportedGrantTypes": ["authorization_code", "client_credentials", "refresh_token"],
       "callbackUrl": "https://tpp.example.com/callback",
       "additionalProperties": {"ext_pkce_mandatory": true, "ext_pkce_support_plain": false, "ext_public_client": false}}
      """
    # The OAuth client behind the keys lives at the key manager's Identity Server.
    When the admin reads the client of the PRODUCTION key of "TppApp" at the Identity Server
    Then the response status is 200
    And the response member "client_name" is the value "{{tpp:tpp}}_{{app:TppApp}}_PRODUCTION"
    And the response member "ext_pkce_mandatory" is the JSON "true"
    # The application's keys, re-read from the key manager.
    When the TPP "tpp" lists the keys of "TppApp"
    Then the response status is 200
    And the PRODUCTION key of "TppApp" is listed with:
      """
      {"keyState": "COMPLETED", "mode": "CREATED", "consumerKey": "{{key-consumer:TppApp:PRODUCTION}}",
       "token": {"accessToken": null, "tokenScopes": [], "validityTime": 0}}
      """
    And the listed PRODUCTION key of "TppApp" has the secret the key manager issued

  # Step 5.4's token lifetimes: the IS 7 connector sends them as the client's ext_*_lifetime
  # members of the IS DCR request (apim-surface §5.2).
  @rule:WSO2-DEVP-16
  Scenario: Token lifetimes set at key generation reach the key manager's client
    Given the TPP "tpp" has signed up in the Developer Portal
    And the TPP "tpp" has created the application "TppApp"
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"],
       "additionalProperties": {"ext_application_token_lifetime": "1800", "ext_user_token_lifetime": "900",
         "ext_refresh_token_lifetime": "86400", "ext_id_token_lifetime": "600", "ext_pkce_mandatory": "false",
         "ext_pkce_support_plain": "true", "ext_public_client": "false", "regulatory": "false"}}
      """
    Then the response status is 200
    And the response member "additionalProperties" is the JSON "{\"ext_application_token_lifetime\": 1800, \"ext_user_token_lifetime\": 900, \"ext_refresh_token_lifetime\": 86400, \"ext_id_token_lifetime\": 600, \"ext_pkce_mandatory\": false, \"ext_pkce_support_plain\": true, \"ext_public_client\": false}"
    When the admin reads the client of the PRODUCTION key of "TppApp" at the Identity Server
    Then the response status is 200
    And the response member "ext_application_token_lifetime" is the JSON "1800"
    And the response member "ext_user_token_lifetime" is the JSON "900"
    And the response member "ext_refresh_token_lifetime" is the JSON "86400"
    And the response member "ext_id_token_lifetime" is the JSON "600"
    And the response member "ext_pkce_mandatory" is the JSON "false"
    And the response member "ext_pkce_support_plain" is the JSON "true"
    # The rest of WSO2IS7ClientInfo as the connector sends it: a JWT application, every flag off.
    And the key manager's client has:
      """
      {"token_type_extension": "JWT", "ext_public_client": false, "tls_client_certificate_bound_access_tokens": false,
       "require_signed_request_object": false, "require_pushed_authorization_requests": false, "redirect_uris": []}
      """

  @rule:WSO2-DEVP-16 @rule:WSO2-DEVP-12
  Scenario: Sandbox keys for a regulatory application with its application certificate
    Given the TPP "tpp" has signed up in the Developer Portal
    And the TPP "tpp" has created the application "TppApp"
    # Sandbox Keys > OAuth2 Tokens, Regulatory Application with the Application Certificate.
    When the TPP "tpp" generates SANDBOX keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["authorization_code", "client_credentials", "refresh_token"],
       "callbackUrl": "https://tpp.example.com/callback",
       "additionalProperties": {"ext_pkce_mandatory": "true", "ext_pkce_support_plain": "true", "ext_public_client": "false",
         "regulatory": "true", "sp_certificate": "{{certificate}}"}}
      """
    Then the response status is 200
    And the response is the new SANDBOX key of "TppApp" generated at the key manager "IS7KM"
    And the response key has:
      """
      {"additionalProperties": {"ext_pkce_mandatory": true, "ext_pkce_support_plain": true},
       "token": {"accessToken": null, "tokenScopes": [], "validityTime": null}}
      """

  @rule:WSO2-DEVP-16 @needs:auth-client-secret-basic
  Scenario: Non-regulatory keys with the client credentials grant come with an application token
    Given the TPP "tpp" has signed up in the Developer Portal
    And the TPP "tpp" has created the application "TppApp"
    When the TPP "tpp" generates SANDBOX keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"],
       "additionalProperties": {"ext_pkce_mandatory": "false", "ext_pkce_support_plain": "false", "ext_public_client": "false", "regulatory": "false"}}
      """
    Then the response status is 200
    And the response key carries an application access token
    When the TPP "tpp" gets a token from the portal for the SANDBOX key of "TppApp"
    Then the response status is 200
    And the response carries an access token
