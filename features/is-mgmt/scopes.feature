@surface:is-mgmt @needs:admin-api
Feature: OAuth2 scope API v1.0 - the scopes a key manager registers

  @rule:WSO2-ISMGMT-01
  Scenario: A scope is created, read, checked, updated and deleted
    When the admin creates the scope "accounts" with:
      """
      {"name": "{{unique:accounts}}", "displayName": "Accounts", "description": "Read accounts", "bindings": []}
      """
    Then the response status is 201
    And the response has the Location of the scope "accounts"
    And the response member "name" is "{{unique:accounts}}"
    When the admin reads the scope "accounts"
    Then the response status is 200
    And the response member "name" is "{{unique:accounts}}"
    And the response member "displayName" is "Accounts"
    And the response member "description" is "Read accounts"
    When the admin lists the scopes
    Then the response status is 200
    And the scope list includes the scope "accounts" with the display name "Accounts"
    When the admin checks the scope "accounts"
    Then the response status is 200
    When the admin updates the scope "accounts" with:
      """
      {"displayName": "Accounts (read)", "description": "Read accounts", "bindings": []}
      """
    Then the response status is 200
    And the response member "name" is "{{unique:accounts}}"
    And the response member "displayName" is "Accounts (read)"
    And the response member "description" is "Read accounts"
    When the admin reads the scope "accounts"
    Then the response status is 200
    And the response member "displayName" is "Accounts (read)"
    When the admin deletes the scope "accounts"
    Then the response status is 200
    When the admin checks the scope "accounts"
    Then the response status is 404

  # IIAO Scope: role bindings become one scope binding of type DEFAULT
  # (Oauth2ScopeConstants.DEFAULT_SCOPE_BINDING); the ScopeDTO carries both (apim-surface §5.4).
  @rule:WSO2-ISMGMT-01
  Scenario: A scope's role bindings are read back, also as one DEFAULT scope binding
    When the admin creates the scope "bound" with:
      """
      {"name": "{{unique:bound}}", "displayName": "Bound", "description": "Bound to a role", "bindings": ["Internal/subscriber"]}
      """
    Then the response status is 201
    When the admin reads the scope "bound"
    Then the response status is 200
    And the response member "bindings" is the JSON "[\"Internal/subscriber\"]"
    And the response member "scopeBindings" is the JSON "[{\"bindingType\": \"DEFAULT\", \"binding\": [\"Internal/subscriber\"]}]"

  @rule:WSO2-ISMGMT-02
  Scenario: A scope name that exists is a conflict
    Given the admin has created the scope "payments"
    When the admin creates the scope "payments" with:
      """
      {"name": "{{unique:payments}}", "displayName": "Payments again"}
      """
    Then the response status is 409
    And the response is the scope API error 41004 "Conflict" "Scope with the name {{unique:payments}} already exists in the system. Please use a different scope name."

  @rule:WSO2-ISMGMT-03
  Scenario Outline: A scope <what> is refused with <code>
    When the admin creates the scope "bad" with:
      """
      <body>
      """
    Then the response status is 400
    And the response is the scope API error <code> "Bad Request" "<description>"

    Examples:
      | what                             | body                                                    | code  | description                                                                                   |
      | without a name                   | {"displayName": "No name"}                              | 41001 | Scope Name is not specified.                                                                  |
      | without a display name           | {"name": "{{unique:nameonly}}"}                         | 41002 | Scope Display Name is not specified.                                                          |
      | with whitespace in its name      | {"name": "{{unique:two}} words", "displayName": "x"}    | 41006 | Scope name: {{unique:two}} words contains white spaces.                                       |
      | with a slash in its name         | {"name": "{{unique:a}}/b", "displayName": "x"}          | 41011 | Invalid scope name. Scope name {{unique:a}}/b cannot contain special characters ?,#,/,( or )  |
      | with a blank name                | {"name": "  ", "displayName": "Blank"}                  | 41001 | Scope Name is not specified.                                                                  |
      | with a blank display name        | {"name": "{{unique:blank}}", "displayName": "  "}       | 41002 | Scope Display Name is not specified.                                                          |
      | with a question mark in its name | {"name": "{{unique:q}}?x", "displayName": "x"}          | 41011 | Invalid scope name. Scope name {{unique:q}}?x cannot contain special characters ?,#,/,( or )  |
      | with a hash in its name          | {"name": "{{unique:h}}#x", "displayName": "x"}          | 41011 | Invalid scope name. Scope name {{unique:h}}#x cannot contain special characters ?,#,/,( or )  |
      | with parentheses in its name     | {"name": "{{unique:p}}(x)", "displayName": "x"}         | 41011 | Invalid scope name. Scope name {{unique:p}}(x) cannot contain special characters ?,#,/,( or ) |
      | that is an internal scope        | {"name": "internal_{{unique:own}}", "displayName": "x"} | 41008 | User {{admin}} is not authorized to add internal scopes                                       |

  @rule:WSO2-ISMGMT-03
  Scenario Outline: An update <what> is refused with 41002
    Given the admin has created the scope "keepname"
    When the admin updates the scope "keepname" with:
      """
      <body>
      """
    Then the response status is 400
    And the response is the scope API error 41002 "Bad Request" "Scope Display Name is not specified."

    Examples:
      | what                      | body                                                         |
      | without a display name    | {"description": "no display name", "bindings": []}           |
      | with a blank display name | {"displayName": " ", "description": "blank", "bindings": []} |

  # OAuth2ScopeService.listScopesWithPagination: startIndex counts from 1 (below 1 is 1); count 0 is
  # an empty page. The list is a set, so only sizes are compared.
  @rule:WSO2-ISMGMT-49
  Scenario: The scope list pages from index 1
    Given the admin has created the scope "first"
    And the admin has created the scope "second"
    When the admin lists the scopes
    Then the scope list holds every scope
    When the admin lists the scopes with "count=1"
    Then the scope list holds 1 scope
    When the admin lists the scopes with "startIndex={{all}}&count=5"
    Then the scope list holds 1 scope
    When the admin lists the scopes with "startIndex={{all+1}}&count=5"
    Then the scope list holds 0 scopes
    When the admin lists the scopes with "startIndex=0&count=2"
    Then the scope list holds 2 scopes
    When the admin lists the scopes with "startIndex=1&count=0"
    Then the scope list holds 0 scopes

  @rule:WSO2-ERR-01
  Scenario Outline: A malformed scope body gets a JSON error (<case>)
    When the admin sends a scope with the Content-Type "<type>" and the body:
      """
      <body>
      """
    Then the response is a well-formed JSON error with a 4xx status

    Examples:
      | case             | type             | body          |
      | not JSON         | application/json | {"name": "x"  |
      | a JSON array     | application/json | ["name"]      |
      | wrong media type | text/plain       | name=x        |

  @rule:WSO2-ISMGMT-04
  Scenario: An unknown scope is 41003
    When the admin reads the scope "never-created"
    Then the response status is 404
    And the response is the scope API error 41003 "Not Found" "Scope {{unique:never-created}} is not found."

  @rule:WSO2-ISMGMT-06
  Scenario Outline: A caller <who> cannot use the scope API
    When a caller "<who>" lists the scopes
    Then the response status is 401
    And the response header "WWW-Authenticate" starts with "Basic"

    Examples:
      | who                                               |
      | without credentials                               |
      | with a wrong password                             |
      | with the admin's credentials under another scheme |
