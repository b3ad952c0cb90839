@surface:is-mgmt @needs:admin-api
Feature: Identity Server 7 API resources - where the WSO2-IS-7 and fsKeyManager key managers keep APIM's scopes

  The connector looks its API resource up by identifier, creates it when it is missing, adds the
  scopes of published APIs, updates and deletes them. Scenarios use their own resource, never the
  target API Manager's User-defined-oauth2-resource.

  @rule:WSO2-ISMGMT-11 @rule:WSO2-ISMGMT-12
  Scenario: The connector looks for its API resource, creates it, and finds it
    Given the key manager has created the API resource "another-api" with the scopes ""
    When the key manager searches the API resources by the identifier of "apim-scopes"
    Then the API resource search found nothing
    When the key manager creates the API resource "apim-scopes" with the scopes "accounts:Accounts"
    Then the response status is 201
    And the response is the API resource "apim-scopes" with the scopes "accounts"
    When the key manager searches the API resources by the identifier of "apim-scopes"
    Then the API resource search found only "apim-scopes"

  @rule:WSO2-ISMGMT-12
  Scenario: A second API resource with the same identifier is a conflict
    Given the key manager has created the API resource "apim-scopes" with the scopes ""
    When the key manager creates the API resource "apim-scopes" with the scopes ""
    Then the response status is 409
    And the response is the IS API error "API-RESOURCE-60003" "Unable to add API resource." "API resource already exists for the tenant: carbon.super."

  @rule:WSO2-ISMGMT-13
  Scenario: The connector adds the scopes of a published API
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts"
    When the key manager adds the scopes "payments:Payments, funds" to the API resource "apim-scopes"
    Then the response status is 204
    And the response body is empty
    And the API resource "apim-scopes" has exactly the scopes "accounts:Accounts, payments:Payments, funds"

  @rule:WSO2-ISMGMT-13
  Scenario: A scope name that exists is a conflict
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts"
    When the key manager adds the scopes "accounts:Accounts again" to the API resource "apim-scopes"
    Then the response status is 409
    And the response is the IS API error "API-RESOURCE-60004" "Unable to add scope." "Scope already exists for the tenant: carbon.super."
    And the API resource "apim-scopes" has exactly the scopes "accounts:Accounts"

  @rule:WSO2-ISMGMT-14
  Scenario: Removing scopes by PATCH is not implemented
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts"
    When the key manager removes the scope "accounts" from the API resource "apim-scopes" with removedScopes
    Then the response status is 501
    And the response is the IS API error "API-RESOURCE-60006" "Removed scopes patching is not supported yet." "Removed scopes patching is not supported yet for API resources."
    And the API resource "apim-scopes" has exactly the scopes "accounts:Accounts"

  @rule:WSO2-ISMGMT-15
  Scenario: The connector updates and deletes a scope
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts, payments:Payments"
    When the key manager changes the display name of the scope "accounts" of the API resource "apim-scopes" to "Read accounts"
    Then the response status is 204
    When the key manager deletes the scope "payments" of the API resource "apim-scopes"
    Then the response status is 204
    And the API resource "apim-scopes" has exactly the scopes "accounts:Read accounts"

  @rule:WSO2-ISMGMT-16
  Scenario Outline: An API resource that does not exist is API-RESOURCE-60002 (<verb>)
    When the admin <verb> an API resource that does not exist
    Then the response status is 404
    And the response is the IS API error "API-RESOURCE-60002" "Unable to find the API resource." "Unable to find the API resource with the id: {{no-such-resource}} in the tenant domain."

    Examples:
      | verb    |
      | reads   |
      | patches |

  @rule:WSO2-ISMGMT-16
  Scenario: The scopes of an API resource that does not exist are API-RESOURCE-60002
    When the admin lists the scopes of an API resource that does not exist
    Then the response status is 404
    And the response is the IS API error "API-RESOURCE-60002" "Unable to find the API resource." "Unable to find the API resource with the id: {{no-such-resource}} in the tenant domain."

  @rule:WSO2-ISMGMT-22
  Scenario Outline: A caller <who> cannot list the API resources
    When a caller "<who>" lists the API resources
    Then the response status is 401

    Examples:
      | who                   |
      | without credentials   |
      | with a wrong password |
