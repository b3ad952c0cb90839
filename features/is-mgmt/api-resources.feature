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

  @rule:WSO2-ISMGMT-29
  Scenario Outline: An API resource search <what> lists the API resources
    Given the admin has created the API resource "listed"
    When the admin searches the API resources with "<query>"
    Then the API resource search lists some API resources

    Examples:
      | what                   | query        |
      | without a filter       |              |
      | with an empty filter   | filter=      |
      | with a blank filter    | filter={{blank}} |

  @rule:WSO2-ISMGMT-29
  Scenario: An API resource filter without an operator is API-RESOURCE-60001
    When the admin searches the API resources with "filter=identifier"
    Then the response status is 400
    And the response is the IS API error "API-RESOURCE-60001" "Unable to retrieve API resources." "Invalid format used for filtering."

  @rule:WSO2-ISMGMT-29
  Scenario: An API resource filter on an attribute the API does not map is refused
    When the admin searches the API resources with "filter=description eq {{id:nothing}}"
    Then the response status is 400

  @rule:WSO2-ISMGMT-30
  Scenario: The API resources are found by name and by type, each with a self link, on one page
    Given the admin has created the API resource "by-name"
    When the admin searches the API resources with "filter=name eq {{name:by-name}}"
    Then the API resource search found only "by-name"
    And the API resource search lists "by-name" with a self link
    And the API resource search has no pagination links
    When the admin searches the API resources with "filter=type eq BUSINESS"
    Then the API resource search lists some API resources
    And every API resource the search lists is of type "BUSINESS"

  @rule:WSO2-ISMGMT-31
  Scenario: An API resource search page holds at most limit resources
    Given the admin has created the API resource "page-1" with '{"identifier":"{{id:page}}-1","name":"page 1","scopes":[]}'
    And the admin has created the API resource "page-2" with '{"identifier":"{{id:page}}-2","name":"page 2","scopes":[]}'
    When the admin searches the API resources with "filter=identifier sw {{id:page}}&limit=2"
    Then the API resource search page holds 2 API resources
    When the admin searches the API resources with "filter=identifier sw {{id:page}}&limit=1"
    Then the API resource search page holds 1 API resource

  @rule:WSO2-ISMGMT-31
  Scenario Outline: An API resource search limit of <limit> is API-RESOURCE-60010
    When the admin searches the API resources with "limit=<limit>"
    Then the response status is 400
    And the response is the IS API error "API-RESOURCE-60010" "Invalid limit provided." "Limit should be a positive integer."

    Examples:
      | limit |
      | 0     |
      | -1    |

  @rule:WSO2-ISMGMT-32
  Scenario Outline: An API resource <what> is refused with <code>
    When the admin creates the API resource "refused" with '<json>'
    Then the response status is 400
    And the response is the IS API error "<code>" "<message>" "<description>"

    Examples:
      | what                         | json                                                                                                    | code               | message                                    | description                            |
      | without a name               | {"identifier":"{{id:refused}}"}                                                                      | API-RESOURCE-60003 | Invalid API resource name provided.        | API resource name is required.         |
      | with a blank name            | {"name":"  ","identifier":"{{id:refused}}"}                                                      | API-RESOURCE-60003 | Invalid API resource name provided.        | API resource name is required.         |
      | without an identifier        | {"name":"refused"}                                                                                   | API-RESOURCE-60004 | Invalid API resource identifier provided.  | API resource identifier is required.   |
      | with a blank identifier      | {"name":"refused","identifier":"  "}                                                             | API-RESOURCE-60004 | Invalid API resource identifier provided.  | API resource identifier is required.   |
      | scope without a name         | {"name":"refused","identifier":"{{id:refused}}","scopes":[{"displayName":"Nameless"}]}     | API-RESOURCE-60005 | Invalid scope name provided.               | Scope name is required.                |
      | scope with a blank name      | {"name":"refused","identifier":"{{id:refused}}","scopes":[{"name":"  "}]}                  | API-RESOURCE-60005 | Invalid scope name provided.               | Scope name is required.                |
      | scope list that is no list   | {"name":"refused","identifier":"{{id:refused}}","scopes":"accounts"}                          | UE-10000           | Invalid Request                            | Provided request body content is not in the expected format. |
      | scope that is no object      | {"name":"refused","identifier":"{{id:refused}}","scopes":["accounts"]}                        | UE-10000           | Invalid Request                            | Provided request body content is not in the expected format. |
      | scope that is a list         | {"name":"refused","identifier":"{{id:refused}}","scopes":[["accounts"]]}                      | UE-10000           | Invalid Request                            | Provided request body content is not in the expected format. |

  @rule:WSO2-ISMGMT-33
  Scenario Outline: An API resource is created as it is sent (<what>)
    When the admin creates the API resource "kept" with '<json>'
    Then the response status is 201
    And the response is the API resource "kept" with the description "<description>", requiresAuthorization <requires> and no scopes
    And the API resource answered has no properties
    When the admin reads the API resource "kept"
    Then the response status is 200
    And the response is the API resource "kept" with the description "<description>", requiresAuthorization <requires> and no scopes
    And the API resource answered has no properties

    Examples:
      | what                         | json                                                                                                                      | description | requires |
      | no scopes member             | {"name":"kept","identifier":"{{id:kept}}","description":"kept as sent","requiresAuthorization":false}       | kept as sent | false   |
      | null scopes, no requirement  | {"name":"kept","identifier":"{{id:kept}}","description":"kept as sent","scopes":null}                       | kept as sent | true    |

  @rule:WSO2-ISMGMT-33
  Scenario: A scope is created with its display name and description
    Given the admin has created the API resource "described" with '{"name":"described","identifier":"{{id:described}}","scopes":[{"name":"{{scope:accounts}}","displayName":"Accounts","description":"Read accounts"}]}'
    Then the scope "accounts" of the API resource "described" has the display name "Accounts" and the description "Read accounts"

  @rule:WSO2-ISMGMT-34
  Scenario: An API resource PATCH changes only what it carries
    Given the admin has created the API resource "patched"
    When the admin patches the API resource "patched" with '{"description":"changed"}'
    Then the response status is 204
    And the API resource "patched" is named "{{name:patched}}" with the description "changed"
    When the admin patches the API resource "patched" with '{"name":"renamed"}'
    Then the response status is 204
    And the API resource "patched" is named "renamed" with the description "changed"

  @rule:WSO2-ISMGMT-34
  Scenario: A null removedScopes is no removal
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts"
    When the admin patches the API resource "apim-scopes" with '{"addedScopes":[{"name":"{{scope:payments}}","displayName":"Payments"}],"removedScopes":null}'
    Then the response status is 204
    And the API resource "apim-scopes" has exactly the scopes "accounts:Accounts, payments:Payments"

  @rule:WSO2-ISMGMT-35
  Scenario: A scope PATCH keeps the display name when it sends a blank one and takes the description
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts"
    When the admin patches the scope "accounts" of the API resource "apim-scopes" with '{"displayName":"  ","description":"changed"}'
    Then the response status is 204
    And the scope "accounts" of the API resource "apim-scopes" has the display name "Accounts" and the description "changed"
    When the admin patches the scope "accounts" of the API resource "apim-scopes" with '{"description":"changed again"}'
    Then the response status is 204
    And the scope "accounts" of the API resource "apim-scopes" has the display name "Accounts" and the description "changed again"

  @rule:WSO2-ISMGMT-35
  Scenario: A scope PATCH of a scope that does not exist is 404 API-RESOURCE-60005
    Given the key manager has created the API resource "apim-scopes" with the scopes "accounts:Accounts"
    When the admin patches the scope "no-such-scope" of the API resource "apim-scopes" with '{"displayName":"Nothing"}'
    Then the response status is 404
    And the response is the IS API error "API-RESOURCE-60005" "Invalid scope name provided." "Scope name is required."

  @rule:WSO2-ISMGMT-36
  Scenario: A deleted API resource is gone
    Given the admin has created the API resource "deleted"
    When the admin deletes the API resource "deleted"
    Then the response status is 204
    And the API resource "deleted" is not found

  @rule:WSO2-ISMGMT-36
  Scenario: Deleting an API resource that does not exist, or a scope of one, is not an error
    When the admin deletes an unknown API resource
    Then the response status is 204
    When the admin deletes the scope "accounts" of an API resource that does not exist
    Then the response status is 204
