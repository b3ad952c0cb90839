@surface:devportal @needs:apim @needs:admin-api
Feature: Seed 001 - Provisioning out-of-band OAuth clients in the API Manager 1.9 Store

  A client created in API Manager's own Identity Server (Service Providers > Add > Register >
  OAuth/OpenID Connect Configuration) is provided to an application with the Store's "Provide
  Keys": log in, paste the consumer key and secret, Save.

  Background:
    Given the TPP "tpp" has signed up in the Developer Portal
    And the TPP "tpp" has created the application "TppApp"
    # Steps 1-5: the OAuth client, without a callback URL and so without Code and Implicit.
    And an OAuth client "external" has been created in API Manager's own Identity Server with:
      """
      {"grant_types": ["client_credentials", "password", "refresh_token"], "redirect_uris": []}
      """

  @rule:WSO2-OOB-06 @rule:WSO2-OOB-01
  Scenario: The TPP logs in to the API Store and provides the keys of the external client
    # Step 7: Log in to the API Store.
    When the TPP "tpp" logs in to the API Store
    Then the Store answers "{\"error\": false}"
    # Steps 8-9: Provide Keys > paste the pair > Save.
    When the TPP "tpp" provides the keys of the client "external" for "TppApp" as PRODUCTION keys in the API Store
    Then the Store answers the keys of the client "external"
    When the TPP "tpp" lists the keys of "TppApp"
    Then the key of the client "external" is listed with:
      """
      {"mode": "MAPPED", "keyType": "PRODUCTION", "keyManager": "Resident Key Manager"}
      """

  @rule:WSO2-OOB-06
  Scenario: Without the Store session, or for a client already provided, the Store answers an error
    When the TPP "tpp" logs in to the API Store
    Then the Store answers "{\"error\": false}"
    When the keys of the client "external" are provided for "TppApp" of the TPP "tpp" as PRODUCTION keys without the Store session
    Then the Store answers "{\"error\": true}"
    When the TPP "tpp" provides the keys of the client "external" for "TppApp" as PRODUCTION keys in the API Store
    Then the Store answers the keys of the client "external"
    When the TPP "tpp" provides the keys of the client "external" for "TppApp" as SANDBOX keys in the API Store
    Then the Store answers "{\"error\": true, \"message\": \"Error occurred while executing the action mapExistingOauthClient\"}"
