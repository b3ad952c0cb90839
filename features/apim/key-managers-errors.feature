@surface:apim @needs:apim @needs:admin-api
Feature: Admin key managers - refused configurations, in the product's order and codes

  @rule:WSO2-KM-04
  Scenario: A key manager without a name fails bean validation
    When the admin adds the seed 000 fsKeyManager "nameless" with the changes:
      """
      {"name": null}
      """
    Then the response status is 400
    And the response is the APIM error 400 "Bad Request" "Validation Error"
    And the APIM error lists "400_name" "name: must not be null"

  @rule:WSO2-KM-05
  Scenario: A second key manager with the same name is refused
    Given the admin has added the seed 000 fsKeyManager "twice"
    When the admin adds the seed 000 fsKeyManager "twice" with the changes:
      """
      {"description": "the same name again"}
      """
    Then the response status is 409
    And the response is the APIM error 901402 "Key Manager Already Exists" "Key Manager Already Exists"

  @rule:WSO2-KM-06
  Scenario: A type without an installed connector is refused
    When the admin adds the seed 000 fsKeyManager "typeless" with the changes:
      """
      {"type": "NoSuchConnector"}
      """
    Then the response status is 400
    And the response is the APIM error 901400 "Key Manager Type not configured" "Key Manager Type not configured"
    And no key manager named "{{unique:typeless}}" exists

  @rule:WSO2-KM-07
  Scenario Outline: An fsKeyManager without <what> is refused
    When the admin adds the seed 000 fsKeyManager "incomplete" with the changes:
      """
      <changes>
      """
    Then the response status is 400
    And the response is the APIM error 901401 "Required Key Manager configuration missing" "Missing required configuration"
    And no key manager named "{{unique:incomplete}}" exists

    Examples:
      | what                                     | changes                                                                                                                                          |
      | the connector Password                   | {"additionalProperties": {"Username": "{{admin}}", "api_resource_management_endpoint": "{{is}}/api/server/v1/api-resources", "is7_roles_endpoint": "{{is}}/scim2/v2/Roles"}} |
      | the API resource management endpoint     | {"additionalProperties": {"Username": "{{admin}}", "Password": "x", "is7_roles_endpoint": "{{is}}/scim2/v2/Roles"}}                                     |
      | the roles endpoint                       | {"additionalProperties": {"Username": "{{admin}}", "Password": "x", "api_resource_management_endpoint": "{{is}}/api/server/v1/api-resources"}}            |
      | the revoke endpoint                      | {"revokeEndpoint": null}                                                                                                                         |
      | the introspection endpoint               | {"introspectionEndpoint": null}                                                                                                                  |
      | the client registration endpoint         | {"clientRegistrationEndpoint": null}                                                                                                             |
      | an empty revoke endpoint                 | {"revokeEndpoint": ""}                                                                                                                           |

  @rule:WSO2-KM-14
  Scenario: A key manager without "enabled" fails as the product does, and is not stored
    When the admin adds the seed 000 fsKeyManager "undecided" with the changes:
      """
      {"enabled": null}
      """
    Then the response is the product's generic internal error
    And no key manager named "{{unique:undecided}}" exists

  @rule:WSO2-KM-14
  Scenario: An update without "enabled" fails as the product does
    Given the admin has added the seed 000 fsKeyManager "kept"
    When the admin updates the key manager "kept" without "enabled"
    Then the response is the product's generic internal error

  @rule:WSO2-KM-15
  Scenario: Permissions naming a role that does not exist are refused
    When the admin adds the seed 000 fsKeyManager "restricted" with the changes:
      """
      {"permissions": {"permissionType": "ALLOW", "roles": ["{{unique:no-such-role}}"]}}
      """
    Then the response status is 404
    And the response is the APIM error 900607 "Role does not exist in the system" "Role does not exist in the system"

  @rule:WSO2-KM-15
  Scenario Outline: Permissions naming the user store's role <role> are accepted
    When the admin adds the seed 000 fsKeyManager "permitted" with the changes:
      """
      {"permissions": {"permissionType": "ALLOW", "roles": ["<role>"]}}
      """
    Then the response status is 201

    Examples:
      | role                |
      | admin               |
      | Internal/subscriber |
      | Internal/devops     |
      | Internal/creator    |
      | Internal/publisher  |
      | Internal/everyone   |

  @rule:WSO2-KM-18
  Scenario Outline: A body that is <case> is refused
    When the admin sends the key manager body '<body>'
    Then the response status is 400
    And the response is the APIM error 400 "Bad Request" "<description>"

    Examples:
      | case          | body               | description                                                     |
      | not JSON      | {"name": "broken", | Malformed request body.                                         |
      | empty         |                    | Request payload cannot be empty.                                |
      | a JSON list   | []                 | One or more request body parameters contain disallowed values. |
      | a JSON string | "fsKeyManager"     | One or more request body parameters contain disallowed values. |

  @rule:WSO2-KM-18
  Scenario: A JSON body sent as text/plain finds no resource
    When the admin sends the key manager body '{"name": "plain", "type": "fsKeyManager"}' as "text/plain"
    Then the response status is 415

  @rule:WSO2-KM-18
  Scenario: A member the KeyManager object lacks is refused
    When the admin adds the seed 000 fsKeyManager "colourful" with the changes:
      """
      {"colour": "blue"}
      """
    Then the response status is 400
    And the response is the APIM error 400 "Bad Request" "Unrecognized property 'colour'"

  @rule:WSO2-KM-13
  Scenario: Importing a well-known URL that does not answer a document fails as the product does
    When the admin imports the well-known URL "{{is}}/oauth2/token/no-such-well-known-document" as a "fsKeyManager" key manager
    Then the response is the product's generic internal error

  @rule:WSO2-KM-12
  Scenario: Importing without a URL is not valid
    When the admin imports the well-known URL "" as a "fsKeyManager" key manager
    Then the response status is 200
    And the response member "valid" is the JSON "false"
    And the response member "value" is the JSON "null"

  @rule:WSO2-KM-01
  Scenario Outline: A caller <who> is not authenticated
    When a caller "<who>" lists the key managers
    Then the response status is 401
    And the response is the APIM error 401 "" "Unauthenticated request"
    And the response member "error" is the JSON "[]"

    Examples:
      | who                                |
      | without credentials                |
      | with a wrong password              |
      | with a token that was never issued |
