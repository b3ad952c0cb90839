@surface:devportal @needs:apim @needs:admin-api @needs:ob-dcr @needs:mtls
Feature: Seed 004 - the application registered through Open Banking DCR, in the Developer Portal

  Seed 004 Step 3 "Tryout DCR": "To locate the value for <CONSUMER_KEY>, go to the Developer
  Portal, click the Applications tab, select the application you registered and Production Keys >
  OAuth2 Tokens". The gateway's DCR executor creates that application (named after the software
  id) as the user it acts as and maps the client into it through the key manager OBKM of Step 2;
  the key type follows the SSA's software_environment. A DCR DELETE removes the application.

  Background:
    Given the Open Banking key manager "OBKM" of seed 004 is configured

  @rule:WSO2-OOB-07
  Scenario: The registered application and its consumer key are found in the portal, and go with the DELETE
    When tpp1 registers the client "app"
    Then the response status is 201
    When the admin looks in the Developer Portal for the application of the client "app"
    Then the portal has the application of the client "app", named after its software id, with the client as its key at "OBKM"
    When the client "app" requests a management token
    Then the response status is 200
    When the client "app" deletes its registration
    Then the response status is 204
    When the admin looks in the Developer Portal for the application of the client "app"
    Then the portal has no application of the client "app"

  # wso2-surface §6.6 step 6: subscriptions/multiple for the regulatory APIs the SSA's roles allow
  # ([[open_banking.dcr.regulatory_api]], which the target declares as obDcr.regulatoryApis).
  @rule:WSO2-OOB-07
  Scenario: The registered application is subscribed to the regulatory APIs its software's roles allow, and only those
    When tpp1 registers the client "app"
    Then the response status is 201
    When the admin looks in the Developer Portal for the application of the client "app"
    Then the application of the client "app" is subscribed to the regulatory APIs its SSA's roles allow

  @rule:WSO2-OOB-07 @profile:uk
  Scenario: A software with fewer roles is subscribed to fewer regulatory APIs
    When tpp1 registers the client "app" with the claims:
      | in                 | claim          | value            |
      | software statement | software_roles | ["PISP"]         |
      | request            | scope          | "openid payments" |
    Then the response status is 201
    When the admin looks in the Developer Portal for the application of the client "app"
    Then the application of the client "app" is subscribed to the regulatory APIs its SSA's roles allow

  # A DELETE the gateway refuses deletes nothing: neither the registration nor the portal application.
  @rule:WSO2-OOB-07
  Scenario: A refused DCR DELETE leaves the registration's application in the portal
    When tpp1 registers the client "app"
    Then the response status is 201
    When the client "app" deletes its registration without a token
    Then the response status is 401
    When the admin looks in the Developer Portal for the application of the client "app"
    Then the portal has the application of the client "app", named after its software id, with the client as its key at "OBKM"

