@surface:is-mgmt @needs:admin-api
Feature: SCIM2 Roles v2 - how the WSO2-IS-7 and fsKeyManager key managers bind scopes to roles

  The connector searches a role by name, creates it with the scopes as permissions when role
  creation is on (seed 000 step 9), and replaces its permissions with the full list when a scope
  is bound to it. Permissions are scopes of an API resource.

  @rule:WSO2-ISMGMT-17 @rule:WSO2-ISMGMT-18
  Scenario: The connector looks for a role, creates it, and finds it
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts, payments:Payments"
    And the key manager has created the role "another-role" with the permissions "payments"
    When the key manager searches the roles for "subscriber"
    Then the role search found nothing
    When the key manager creates the role "subscriber" with the permissions "accounts"
    Then the response status is 201
    And the response is the role "subscriber" with exactly the permissions "accounts"
    And the response has the Location of the role "subscriber"
    When the key manager searches the roles for "subscriber"
    Then the role search found only "subscriber" with the permissions "accounts"

  @rule:WSO2-ISMGMT-18
  Scenario: A second role with the same name is a conflict
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts, payments:Payments"
    And the key manager has created the role "subscriber" with the permissions "accounts"
    When the key manager creates the role "subscriber" with the permissions "payments"
    Then the response is a SCIM error with the status 409

  @rule:WSO2-ISMGMT-19
  Scenario: The connector replaces the permissions of a role with the full list
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts, payments:Payments"
    And the key manager has created the role "subscriber" with the permissions "accounts"
    When the key manager replaces the permissions of the role "subscriber" with "payments"
    Then the response status is 200
    And the response is the role "subscriber" with exactly the permissions "payments"
    When the key manager reads the role "subscriber"
    Then the response status is 200
    And the response is the role "subscriber" with exactly the permissions "payments"

  @rule:WSO2-ISMGMT-20
  Scenario: A permission that is no API resource scope is refused
    When the key manager creates the role "subscriber" with a permission that is no scope
    Then the response is a SCIM error with the status 400
    When the key manager searches the roles for "subscriber"
    Then the role search found nothing

  @rule:WSO2-ISMGMT-21
  Scenario: A role that does not exist is a SCIM 404
    When the admin reads a role that does not exist
    Then the response is a SCIM error with the status 404

  @rule:WSO2-ISMGMT-22
  Scenario Outline: A caller <who> cannot search the roles
    When a caller "<who>" searches the roles
    Then the response status is 401
    And the response header "WWW-Authenticate" starts with "Basic"

    Examples:
      | who                   |
      | without credentials   |
      | with a wrong password |

  @rule:WSO2-ISMGMT-37
  Scenario Outline: A role PATCH whose operations are not RFC 7644 operations is invalidSyntax (<case>)
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts"
    And the key manager has created the role "subscriber" with the permissions "accounts"
    When the admin patches the role "subscriber" with the body:
      """
      <body>
      """
    Then the response is a SCIM error with the status 400 and the scimType "invalidSyntax"
    When the key manager reads the role "subscriber"
    Then the response is the role "subscriber" with exactly the permissions "accounts"

    Examples:
      | case                        | body                                                                          |
      | no Operations               | {"op":"replace","value":{"permissions":[]}}                                   |
      | an operation that is null   | {"Operations":[null]}                                                         |
      | an operation without op     | {"Operations":[{"value":{"permissions":[]}}]}                                 |
      | an op that is not a string  | {"Operations":[{"op":1,"value":{"permissions":[]}}]}                          |
      | an op RFC 7644 does not have | {"Operations":[{"op":"move","value":{"permissions":[]}}]}                    |
      | a path roles do not have    | {"Operations":[{"op":"replace","path":"description","value":"a role"}]}       |
      | a path in another case      | {"Operations":[{"op":"replace","path":"Permissions","value":[]}]}             |

  @rule:WSO2-ISMGMT-37
  Scenario: A role PATCH may rename the role with the path displayName
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts"
    And the key manager has created the role "subscriber" with the permissions "accounts"
    When the admin renames the role "subscriber" to "customer" with the path "displayName"
    Then the response is the role "subscriber" named "customer"
    When the key manager reads the role "subscriber"
    Then the response is the role "subscriber" named "customer"
    And the role keeps the permissions "accounts"

  @rule:WSO2-ISMGMT-38
  Scenario Outline: A role PATCH that adds permissions (op "<op>") keeps those the role has
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts, payments:Payments"
    And the key manager has created the role "subscriber" with the permissions "accounts"
    When the admin adds the permissions "payments" to the role "subscriber" with the op "<op>"
    Then the response status is 200
    And the response is the role "subscriber" with exactly the permissions "accounts, payments"
    When the key manager reads the role "subscriber"
    Then the response is the role "subscriber" with exactly the permissions "accounts, payments"

    Examples:
      | op  |
      | add |
      | Add |
