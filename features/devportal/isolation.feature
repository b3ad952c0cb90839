@surface:devportal @needs:apim @needs:admin-api
Feature: One TPP never reaches another TPP's applications, subscriptions or keys

  Background:
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    And the TPP "one" has signed up in the Developer Portal
    And the TPP "two" has signed up in the Developer Portal
    And the TPP "one" has created the application "OneApp"
    And the TPP "one" has found the API "AccountandTransactionAPI" in the Developer Portal
    And the TPP "one" has subscribed the application "OneApp" to the API "AccountandTransactionAPI" with the tier "Gold"
    And the TPP "one" has generated PRODUCTION keys for "OneApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """

  @rule:WSO2-DEVP-05
  Scenario: Another TPP's application is not listed
    When the TPP "two" lists its applications
    Then the response status is 200
    And the application list does not have "OneApp"

  @rule:WSO2-DEVP-05
  Scenario Outline: Another TPP may not <action> the application
    When the TPP "two" tries to "<action>" the application "OneApp"
    Then the portal answers 403 with the error 403 "Forbidden" "You don't have permission to access the application with Id {{app:OneApp}}"
    When the TPP "one" reads the application "OneApp"
    Then the response status is 200

    Examples:
      | action                       |
      | read                         |
      | change                       |
      | delete                       |
      | list the keys of             |
      | list the subscriptions of    |
      | generate keys for            |
      | delete the PRODUCTION key of |
      | read the PRODUCTION key of   |
      | change the PRODUCTION key of |
      | regenerate the PRODUCTION secret of |
      | get a token from the PRODUCTION key of |
      | map keys into                |
      | subscribe with               |

  @rule:WSO2-DEVP-05
  Scenario: Another TPP may not read or delete the subscription
    When the TPP "two" tries to "read" the subscription of "OneApp" to the API "AccountandTransactionAPI"
    Then the portal answers 403 with the error 403 "Forbidden" "You don't have permission to access the subscription with Id {{sub:OneApp:AccountandTransactionAPI}}"
    When the TPP "two" tries to "delete" the subscription of "OneApp" to the API "AccountandTransactionAPI"
    Then the portal answers 403 with the error 403 "Forbidden" "You don't have permission to access the subscription with Id {{sub:OneApp:AccountandTransactionAPI}}"
    When the TPP "one" lists the subscriptions of the application "OneApp"
    Then the subscriptions are to the APIs "AccountandTransactionAPI"
