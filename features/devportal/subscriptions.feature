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
    And the response has the Location of the subscription of "TppApp" to the API "AccountandTransactionAPI"
    When the TPP "one" reads the subscription "{{sub:TppApp:AccountandTransactionAPI}}"
    Then the response status is 200
    And the response member "subscriptionId" is the value "{{sub:TppApp:AccountandTransactionAPI}}"
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
    When the TPP "one" reads the application "TppApp"
    Then the response member "subscriptionCount" is the JSON "2"
    When the TPP "one" lists its applications
    Then the application "TppApp" is listed with the member "subscriptionCount" as the JSON "2"
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
    When the TPP "one" lists the published APIs 1 at a time from the offset 1
    Then the response status is 200
    And the response member "count" is the JSON "1"
    And the page of apis has offset 1, limit 1 and previous "offset=0&limit=1"
    When the TPP "one" subscribes the application "TppApp" to the APIs "DynamicClientRegistration, AccountandTransactionAPI" at once with the tier "Unlimited"
    Then the response status is 200
    When the TPP "one" lists the subscriptions of the application "TppApp" 1 at a time from the offset 1
    Then the response status is 200
    And the response member "count" is the JSON "1"
    And the page of subscriptions has offset 1, limit 1, total 2, next "none" and previous "offset=0&limit=1"

  # apim-surface §4.4: SubscriptionsApiServiceImpl.subscriptionsPost and APIConsumerImpl.addSubscription, in order.
  @rule:WSO2-DEVP-32
  Scenario Outline: A subscription <case> is refused and nothing is subscribed
    When the TPP "one" sends the subscription:
      """
      <body>
      """
    Then the portal answers <status> with the error <code> "<message>" "<description>"
    When the TPP "one" lists the subscriptions of the application "TppApp"
    Then the response member "count" is the JSON "0"

    Examples:
      | case                                  | body                                                                                                                  | status | code   | message                           | description                                                                              |
      | without an API                        | {"applicationId": "{{app:TppApp}}", "throttlingPolicy": "Gold"}                                                      | 400    | 400    | Bad Request                       | Request must contain either apiIdentifier or apiProductIdentifier and the relevant type |
      | with an empty API id                  | {"applicationId": "{{app:TppApp}}", "apiId": "", "throttlingPolicy": "Gold"}                                         | 400    | 400    | Bad Request                       | Request must contain either apiIdentifier or apiProductIdentifier and the relevant type |
      | with an internal business plan        | {"applicationId": "{{app:TppApp}}", "apiId": "{{api:AccountandTransactionAPI}}", "throttlingPolicy": "SubscriptionLess"} | 400    | 902019 | The Business plan is not allowed. | Business plan 'SubscriptionLess' is not allowed for the API.                             |
      | for an application that does not exist | {"applicationId": "0f0e0d0c-0b0a-4909-8807-060504030201", "apiId": "{{api:AccountandTransactionAPI}}", "throttlingPolicy": "Gold"} | 404    | 404    | Not Found                         | Requested application with Id '0f0e0d0c-0b0a-4909-8807-060504030201' not found          |

  @rule:WSO2-DEVP-32
  Scenario Outline: A subscription without <member> fails bean validation
    When the TPP "one" sends the subscription:
      """
      <body>
      """
    Then the response is the APIM error 400 "Bad Request" "Validation Error"
    And the APIM error lists "400_<member>" "<member>: must not be null"

    Examples:
      | member           | body                                                                      |
      | applicationId    | {"apiId": "{{api:AccountandTransactionAPI}}", "throttlingPolicy": "Gold"} |
      | throttlingPolicy | {"apiId": "{{api:AccountandTransactionAPI}}", "applicationId": "{{app:TppApp}}"} |

  # apim-surface §4.4: /subscriptions/multiple maps every error but the duplicate to a 500 naming
  # the item; the items before it stay subscribed (not atomic).
  @rule:WSO2-DEVP-32
  Scenario: A refused item of several subscriptions at once fails the call and keeps those before it
    When the TPP "one" sends the subscriptions at once:
      """
      [{"applicationId": "{{app:TppApp}}", "apiId": "{{api:AccountandTransactionAPI}}", "throttlingPolicy": "Gold"},
       {"applicationId": "{{app:TppApp}}", "apiId": "{{api:AccountandTransactionAPI}}", "throttlingPolicy": "Bronze"}]
      """
    Then the portal answers 500 with the error 500 "Internal Server Error" "Error while adding the subscription API:{{api:AccountandTransactionAPI}}, application:{{app:TppApp}}, throttling policy:Bronze"
    When the TPP "one" lists the subscriptions of the application "TppApp"
    Then the response member "count" is the JSON "1"

  # apim-surface §4.4 and §1.3 rule 4: an item the JSON binding cannot read as a Subscription.
  @rule:WSO2-DEVP-32
  Scenario: Several subscriptions at once with an item that is no object are refused
    When the TPP "one" sends the subscriptions at once:
      """
      [{"applicationId": "{{app:TppApp}}", "apiId": "{{api:AccountandTransactionAPI}}", "throttlingPolicy": "Gold"}, "AccountandTransactionAPI"]
      """
    Then the portal answers 400 with the error 400 "Bad Request" "One or more request body parameters contain disallowed values."
    When the TPP "one" lists the subscriptions of the application "TppApp"
    Then the response member "count" is the JSON "0"

  # apim-surface §4.4: GET /subscriptions needs applicationId or apiId; by apiId, the caller's own only.
  @rule:WSO2-DEVP-32
  Scenario: Subscriptions are listed by application or by API, each TPP its own
    Given the TPP "two" has signed up in the Developer Portal
    And the TPP "two" has created the application "TwoApp"
    And the TPP "one" has subscribed the application "TppApp" to the API "AccountandTransactionAPI" with the tier "Gold"
    And the TPP "two" has subscribed the application "TwoApp" to the API "AccountandTransactionAPI" with the tier "Gold"
    When the TPP "one" lists the subscriptions with "apiId={{api:AccountandTransactionAPI}}"
    Then the response status is 200
    And the subscriptions listed are "TppApp:AccountandTransactionAPI"
    When the TPP "two" lists the subscriptions with "apiId={{api:AccountandTransactionAPI}}"
    Then the subscriptions listed are "TwoApp:AccountandTransactionAPI"
    When the TPP "one" lists the subscriptions with ""
    Then the portal answers 400 with the error 400 "Bad Request" "Either applicationId or apiId should be available"
    When the TPP "one" reads the subscription "0f0e0d0c-0b0a-4909-8807-060504030201"
    Then the portal answers 404 with the error 404 "Not Found" "Requested subscription with Id '0f0e0d0c-0b0a-4909-8807-060504030201' not found"

  # apim-surface §4.4: DELETE /subscriptions/{subscriptionId}, 200 without a workflow.
  @rule:WSO2-DEVP-36
  Scenario: A TPP deletes its subscription, and it is gone
    Given the TPP "one" has subscribed the application "TppApp" to the API "AccountandTransactionAPI" with the tier "Gold"
    When the TPP "one" deletes the subscription of "TppApp" to the API "AccountandTransactionAPI"
    Then the response status is 200
    When the TPP "one" tries to "read" the subscription of "TppApp" to the API "AccountandTransactionAPI"
    Then the response status is 404
    When the TPP "one" lists the subscriptions of the application "TppApp"
    Then the response member "count" is the JSON "0"

  # apim-surface §4.3: GET /apis/{apiId}, unknown → 404.
  @rule:WSO2-DEVP-34
  Scenario: An API the portal does not publish is not found
    When the TPP "one" opens an API that does not exist
    Then the portal answers 404 with the error 404 "Not Found" "Requested API with Id '0f0e0d0c-0b0a-4909-8807-060504030201' not found"
