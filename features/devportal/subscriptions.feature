@surface:devportal @needs:apim @needs:admin-api
Feature: Subscriptions in the Developer Portal

  Seed 000 "Step 4: Subscribe to API": the APIs tab, the API, then the application and a
  throttling policy the API offers.

  Background:
    Given the TPP "one" has signed up in the Developer Portal
    And the TPP "one" has created the application "TppApp"
    And the TPP "one" has found the API "AccountandTransactionAPI" in the Developer Portal

  @rule:WSO2-DEVP-06
  Scenario: A TPP subscribes with a tier the API offers and not with one it does not offer
    When the TPP "one" opens the API "AccountandTransactionAPI"
    Then the response status is 200
    And the response member "throttlingPolicies" is the JSON "[\"Gold\", \"Unlimited\"]"
    When the TPP "one" subscribes the application "TppApp" to the API "AccountandTransactionAPI" with the tier "Bronze"
    Then the portal answers 403 with the error 902002 "Subscription Tier is not allowed for user" "Subscription Tier Bronze is not allowed for user {{tpp:one}} "
    When the TPP "one" subscribes the application "TppApp" to the API "AccountandTransactionAPI" with the tier "Gold"
    Then the response status is 201
    And the response member "status" is "UNBLOCKED"
    And the response member "throttlingPolicy" is "Gold"
    When the TPP "one" lists the subscriptions of the application "TppApp"
    Then the response status is 200
    And the subscriptions are to the APIs "AccountandTransactionAPI"

  @rule:WSO2-DEVP-07
  Scenario: A second subscription to the same API is refused
    Given the TPP "one" has subscribed the application "TppApp" to the API "AccountandTransactionAPI" with the tier "Gold"
    When the TPP "one" subscribes the application "TppApp" to the API "AccountandTransactionAPI" with the tier "Unlimited"
    Then the portal answers 409 with the error 409 "Resource Already Exists" "Specified subscription already exists for API {{api:AccountandTransactionAPI}}, for application {{app:TppApp}}"

  @rule:WSO2-DEVP-07
  Scenario: Subscribing to several APIs at once
    Given the TPP "one" has found the API "DynamicClientRegistration" in the Developer Portal
    When the TPP "one" subscribes the application "TppApp" to the APIs "DynamicClientRegistration, AccountandTransactionAPI" at once with the tier "Unlimited"
    Then the response status is 200
    And the response is the JSON array of 2 items
    And the subscriptions are to the APIs "DynamicClientRegistration, AccountandTransactionAPI"
    When the TPP "one" subscribes the application "TppApp" to the APIs "AccountandTransactionAPI" at once with the tier "Unlimited"
    Then the portal answers 409 with the error 409 "Resource Already Exists" "Specified subscription already exists for API {{api:AccountandTransactionAPI}} for application {{app:TppApp}}"

  @rule:WSO2-DEVP-06
  Scenario: Subscribing to an API that does not exist fails inside the product
    When the TPP "one" subscribes the application "TppApp" to an API that does not exist
    Then the portal answers 500 with the error 900967 "General Error" "Server Error Occurred"

  @rule:WSO2-DEVP-25
  Scenario: The published APIs and an application's subscriptions come in linked pages
    Given the TPP "one" has found the API "DynamicClientRegistration" in the Developer Portal
    When the TPP "one" lists the published APIs 1 at a time from the offset 0
    Then the response status is 200
    And the response member "count" is the JSON "1"
    And the page of apis has offset 0, limit 1, a total beyond it, next "offset=1&limit=1" and previous "none"
    When the TPP "one" subscribes the application "TppApp" to the APIs "DynamicClientRegistration, AccountandTransactionAPI" at once with the tier "Unlimited"
    Then the response status is 200
    When the TPP "one" lists the subscriptions of the application "TppApp" 1 at a time from the offset 1
    Then the response status is 200
    And the response member "count" is the JSON "1"
    And the page of subscriptions has offset 1, limit 1, total 2, next "none" and previous "offset=0&limit=1"
