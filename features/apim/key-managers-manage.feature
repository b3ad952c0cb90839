@surface:apim @needs:apim @needs:admin-api
Feature: Admin key managers - reading, updating, deleting

  Background:
    Given the admin has added the seed 000 fsKeyManager "managed"

  @rule:WSO2-KM-08
  Scenario: A key manager is read with its connector secrets masked
    When the admin reads the key manager "managed"
    Then the response status is 200
    And the response member "name" is "{{unique:managed}}"
    And the response path "additionalProperties.Password" is the JSON "\"*****\""
    And the response path "additionalProperties.Username" is the JSON "\"{{admin}}\""

  @rule:WSO2-KM-08
  Scenario: An unknown key manager id is 901411
    When the admin reads a key manager that does not exist
    Then the response status is 404
    And the response is the APIM error 901411 "Key Manager not Found" "Key Manager not found"

  @rule:WSO2-KM-09
  Scenario: An update changes the description and keeps the masked secret
    When the admin updates the key manager "managed" with:
      """
      {"description": "updated by the admin"}
      """
    Then the response status is 200
    And the response member "description" is "updated by the admin"
    And the response path "additionalProperties.Password" is the JSON "\"*****\""

  @rule:WSO2-KM-09
  Scenario: A key manager cannot be renamed
    When the admin updates the key manager "managed" with:
      """
      {"name": "{{unique:renamed}}"}
      """
    Then the response status is 400
    And the response is the APIM error 400 "Bad Request" "Key Manager name couldn't able to change"

  @rule:WSO2-KM-10
  Scenario: A key manager is disabled and enabled again
    When the admin disables the key manager "managed"
    Then the response status is 200
    And the response member "enabled" is the JSON "false"
    When the admin enables the key manager "managed"
    Then the response status is 200
    And the response member "enabled" is the JSON "true"

  @rule:WSO2-KM-11
  Scenario: A key manager is deleted
    When the admin deletes the key manager "managed"
    Then the response status is 200
    And the response body is empty
    When the admin reads the key manager "managed"
    Then the response status is 404
    And the response is the APIM error 901411 "Key Manager not Found" "Key Manager not found"

  @rule:WSO2-KM-11
  Scenario: An unknown key manager cannot be deleted
    When the admin deletes a key manager that does not exist
    Then the response status is 404
    And the response is the APIM error 901411 "Key Manager not Found" "Key Manager not found"

  @rule:WSO2-KM-11
  Scenario: The Resident Key Manager cannot be deleted
    When the admin deletes the key manager "Resident Key Manager"
    Then deleting the Resident Key Manager is refused as the API Manager release does

  @rule:WSO2-KM-17
  Scenario: The usages of a new key manager, and of an unknown one
    When the admin reads the API usages of the key manager "managed"
    Then the response status is 200
    And the response member "apiCount" is the JSON "0"
    When the admin reads the application usages of the key manager "managed"
    Then the response status is 200
    And the response member "applicationCount" is the JSON "0"
    When the admin reads the API usages of a key manager that does not exist
    Then the response status is 404
    And the response is the APIM error 901411 "Key Manager not Found" "Key Manager not found"
