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
    And the response is the created role "subscriber"
    And the response has the Location of the role "subscriber"
    When the key manager reads the role "subscriber"
    Then the response is the role "subscriber" with exactly the permissions "accounts"
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
    And the SCIM error's detail is "<detail>"
    When the key manager reads the role "subscriber"
    Then the response is the role "subscriber" with exactly the permissions "accounts"

    Examples:
      | case                        | body                                                                          | detail                                                              |
      | no Operations               | {"op":"replace","value":{"permissions":[]}}                                   | Request is unparsable, syntactically incorrect, or violates schema. |
      | an operation that is null   | {"Operations":[null]}                                                         | Request is unparsable, syntactically incorrect, or violates schema. |
      | an operation that is text   | {"Operations":["replace"]}                                                    | Request is unparsable, syntactically incorrect, or violates schema. |
      | an operation without op     | {"Operations":[{"value":{"permissions":[]}}]}                                 | Operation can not be null.                                          |
      | an op that is not a string  | {"Operations":[{"op":1,"value":{"permissions":[]}}]}                          | Request is unparsable, syntactically incorrect, or violates schema. |
      | an op RFC 7644 does not have | {"Operations":[{"op":"move","value":{"permissions":[]}}]}                    | Unknown operation: move                                             |
      | a path roles do not have    | {"Operations":[{"op":"replace","path":"description","value":"a role"}]}       | Not a valid attribute.                                              |
      | a path in another case      | {"Operations":[{"op":"replace","path":"Permissions","value":[]}]}             | Not a valid attribute.                                              |

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

  @rule:WSO2-ISMGMT-39
  Scenario Outline: A role PATCH value charon cannot decode is invalidSyntax (<case>)
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts"
    And the key manager has created the role "subscriber" with the permissions "accounts"
    When the admin patches the role "subscriber" with the body:
      """
      {"Operations":[{"op":"replace","value":<value>}]}
      """
    Then the response is a SCIM error with the status 400 and the scimType "invalidSyntax"
    And the SCIM error's detail is "Request is unparsable, syntactically incorrect, or violates schema."
    When the key manager reads the role "subscriber"
    Then the response is the role "subscriber" with exactly the permissions "accounts"

    Examples:
      | case                               | value                                                  |
      | permissions null                   | {"permissions":null}                                   |
      | permissions not a list             | {"permissions":"accounts"}                             |
      | permissions an object              | {"permissions":{"value":"accounts"}}                   |
      | a permission that is null          | {"permissions":[null]}                                 |
      | a permission that is a list        | {"permissions":[["accounts"]]}                         |
      | a permission value that is an object | {"permissions":[{"value":{"name":"accounts"}}]}      |
      | a permission display that is a list | {"permissions":[{"value":"accounts","display":[]}]}   |
      | a displayName that is an object    | {"displayName":{"value":"customer"}}                   |
      | a value with no role attribute     | {}                                                     |
      | a value that is null               | null                                                   |
      | a value that is text               | "customer"                                             |
      | a value with another attribute     | {"description":"a role"}                               |

  @rule:WSO2-ISMGMT-40
  Scenario: A role without displayName is invalidValue with charon's text
    When the admin creates a role with the body:
      """
      {"permissions":[]}
      """
    Then the response is a SCIM error with the status 400 and the scimType "invalidValue"
    And the SCIM error's detail is "Required attribute displayName is missing in the SCIM Object."

  @rule:WSO2-ISMGMT-40
  Scenario: A permission that is no API resource scope is invalidValue
    When the key manager creates the role "subscriber" with a permission that is no scope
    Then the response is a SCIM error with the status 400 and the scimType "invalidValue"
    And the SCIM error's detail is "Permission: $no-such-scope not found"
    When the key manager searches the roles for "subscriber"
    Then the role search found nothing

  @rule:WSO2-ISMGMT-41
  Scenario Outline: A role search sent as <type> is served
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts"
    And the key manager has created the role "subscriber" with the permissions "accounts"
    When the admin searches the roles for "subscriber" sent as "<type>"
    Then the role search found only "subscriber" with the permissions "accounts"

    Examples:
      | type                            |
      | application/scim+json           |
      | APPLICATION/SCIM+JSON           |
      | application/json;charset=UTF-8  |
      | application/json; charset=utf-8 |
      | application/json ;charset=UTF-8 |
      | application/*                   |
      | */*                             |

  @rule:WSO2-ISMGMT-41
  Scenario Outline: A role search sent as <type> is refused with 406
    When the admin searches the roles for "subscriber" sent as "<type>"
    Then the response is a SCIM error with the status 406
    And the SCIM error's detail is "<type> is not supported."

    Examples:
      | type                                |
      | text/plain                          |
      | application/xml                     |
      | application/json;charset=ISO-8859-1 |

  @rule:WSO2-ISMGMT-41
  Scenario: A role search without a Content-Type is refused with 406
    When the admin searches the roles for "subscriber" without a Content-Type
    Then the response is a SCIM error with the status 406
    And the SCIM error's detail is "Content-Type not present in the request header"

  @rule:WSO2-ISMGMT-42
  Scenario Outline: A role search whose body is <case> is invalidSyntax
    When the admin searches the roles with the body '<body>'
    Then the response is a SCIM error with the status 400 and the scimType "invalidSyntax"
    And the SCIM error's detail is "Request is unparsable, syntactically incorrect, or violates schema."

    Examples:
      | case                | body                          |
      | a list              | [{"filter":"displayName eq x"}] |
      | a string            | "displayName eq x"            |
      | null                | null                          |
      | not JSON            | {"schemas":                   |

  @rule:WSO2-ISMGMT-43
  Scenario: A role search without a filter lists the roles; one that matches nothing has no Resources
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts"
    And the key manager has created the role "subscriber" with the permissions "accounts"
    And the key manager has created the role "customer" with the permissions "accounts"
    When the admin searches the roles without a filter
    Then the role search lists at least 2 roles
    When the key manager searches the roles for "no-such-role"
    Then the role search found nothing and has no Resources

  @rule:WSO2-ISMGMT-43
  Scenario Outline: A role filter naming displayName as <attribute> finds the role
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts"
    And the key manager has created the role "subscriber" with the permissions "accounts"
    When the admin searches the roles for "subscriber" naming the attribute "<attribute>"
    Then the role search found only "subscriber" with the permissions "accounts"

    Examples:
      | attribute                                                   |
      | DisplayName                                                 |
      | urn:ietf:params:scim:schemas:extension:2.0:Role:displayName |

  # RFC 7644 §3.4.2.2: string values are quoted, operators are case-insensitive; charon serves
  # sw, ew and co on displayName as well as eq (SCIMRoleManagerV2.createFilter).
  @rule:WSO2-ISMGMT-43
  Scenario Outline: A role filter <case> finds the role
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts"
    And the key manager has created the role "subscriber" with the permissions "accounts"
    When the admin searches the roles with the filter '<filter>' for "subscriber"
    Then the role search found only "subscriber" with the permissions "accounts"

    Examples:
      | case                          | filter                  |
      | with the value quoted         | displayName eq "{name}" |
      | with the operator in capitals | displayName EQ {name}   |
      | with sw and the name's head   | displayName sw {head}   |
      | with ew and the name's tail   | displayName ew {tail}   |
      | with co and the name's middle | displayName co {middle} |

  @rule:WSO2-ISMGMT-43
  Scenario: An empty role filter is invalidFilter
    When the admin searches the roles with the filter ""
    Then the response is a SCIM error with the status 400 and the scimType "invalidFilter"

  @rule:WSO2-ISMGMT-43
  Scenario Outline: A role filter the role search does not take is refused (<case>)
    When the admin searches the roles with the filter "<filter>"
    Then the response is a SCIM error with the status 400

    Examples:
      | case                    | filter            |
      | the attribute id        | id eq x           |
      | the operator gt         | displayName gt x  |

  @rule:WSO2-ISMGMT-44
  Scenario: A deleted role is gone
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts"
    And the key manager has created the role "subscriber" with the permissions "accounts"
    When the admin deletes the role "subscriber"
    Then the response status is 204
    When the key manager reads the role "subscriber"
    Then the response is a SCIM error with the status 404

  @rule:WSO2-ISMGMT-45
  Scenario: A role PATCH may not rename a role to another role's name
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts"
    And the key manager has created the role "subscriber" with the permissions "accounts"
    And the key manager has created the role "customer" with the permissions "accounts"
    When the admin renames the role "subscriber" to the name of the role "customer"
    Then the response is a SCIM error with the status 409 and no scimType
    When the key manager reads the role "subscriber"
    Then the response is the role "subscriber" named "subscriber"

  @rule:WSO2-ISMGMT-45
  Scenario: A second role with the same name is a conflict without scimType
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts, payments:Payments"
    And the key manager has created the role "subscriber" with the permissions "accounts"
    When the key manager creates the role "subscriber" with the permissions "payments"
    Then the response is a SCIM error with the status 409 and no scimType

  @rule:WSO2-ISMGMT-46
  Scenario: A role has the super tenant's organization audience and its location
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts"
    And the key manager has created the role "subscriber" with the permissions "accounts"
    When the key manager reads the role "subscriber"
    Then the role has the organization audience of the super tenant
    And the role "subscriber" has its location in meta

  @rule:WSO2-ISMGMT-47
  Scenario: A role created with only a displayName has no permissions
    When the admin creates the role "subscriber" without permissions
    Then the response status is 201
    When the key manager reads the role "subscriber"
    Then the role has no permissions

  @rule:WSO2-ISMGMT-47
  Scenario: A displayName padded with spaces is read trimmed
    When the admin creates the role "subscriber" with its name padded with spaces
    Then the response status is 201
    When the key manager reads the role "subscriber"
    Then the response is the role "subscriber" named "subscriber"

  @rule:WSO2-ISMGMT-47
  Scenario Outline: A permission's string attributes are read as charon reads them (<case>)
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts"
    When the admin creates the role "subscriber" with the permissions member '<permissions>'
    Then the response status is 201
    When the key manager reads the role "subscriber"
    Then the role keeps the permissions "accounts"

    Examples:
      | case                       | permissions                                   |
      | a value padded with spaces | [{"value":"  $accounts  "}]                    |
      | a display that is a number | [{"value":"$accounts","display":7}]           |
      | an item that is a string   | [{"value":"$accounts"},"$accounts"]           |

  @rule:WSO2-ISMGMT-47
  Scenario Outline: A permission value that is <case> is read as text, which is no scope
    When the admin creates the role "subscriber" with the permissions member '<permissions>'
    Then the response is a SCIM error with the status 400 and the scimType "invalidValue"
    And the SCIM error's detail is "Permission: <text> not found"

    Examples:
      | case     | permissions        | text |
      | a number | [{"value":1}]      | 1    |
      | null     | [{"value":null}]   |      |
      | true     | [{"value":true}]   | true |

  @rule:WSO2-ISMGMT-48
  Scenario: A role PATCH with no operations changes nothing
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts"
    And the key manager has created the role "subscriber" with the permissions "accounts"
    When the admin patches the role "subscriber" with the body:
      """
      {"Operations":[]}
      """
    Then the response status is 200
    And the response is the role "subscriber" with exactly the permissions "accounts"
    When the key manager reads the role "subscriber"
    Then the response is the role "subscriber" with exactly the permissions "accounts"
