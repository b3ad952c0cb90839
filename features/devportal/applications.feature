@surface:devportal @needs:apim @needs:admin-api
Feature: Applications in the Developer Portal

  Seed 000 "Step 3: Create an application": ADD NEW APPLICATION, the details, SAVE.

  Background:
    Given the TPP "one" has signed up in the Developer Portal

  @rule:WSO2-DEVP-03
  Scenario: A TPP creates, reads, renames and deletes an application
    When the TPP "one" creates the application "TppApp"
    Then the response status is 201
    And the response has the Location of the application "TppApp"
    And the response member "status" is "APPROVED"
    And the response member "tokenType" is "JWT"
    And the response member "throttlingPolicy" is "Unlimited"
    And the response member "owner" is the value "{{tpp:one}}"
    And the response member "keys" is the JSON "[]"
    When the TPP "one" lists its applications
    Then the response status is 200
    And the application list has "TppApp"
    When the TPP "one" renames the application "TppApp" to "Renamed"
    Then the response status is 200
    And the response member "name" is the value "{{unique:Renamed}}"
    When the TPP "one" reads the application "TppApp"
    Then the response status is 200
    And the response member "name" is the value "{{unique:Renamed}}"
    And the response member "description" is "renamed"
    When the TPP "one" deletes the application "TppApp"
    Then the response status is 200
    When the TPP "one" reads the application "TppApp"
    Then the portal answers 404 with the error 404 "Not Found" "Requested application with Id '{{app:TppApp}}' not found"

  @rule:WSO2-DEVP-03
  Scenario: An application name is unique per TPP whatever its case
    Given the TPP "one" has created the application "TppApp"
    When the TPP "one" creates another application named "TppApp" in upper case
    Then the response status is 409
    And the portal answers 409 with the error 409 "Resource Already Exists" "An application already exists with name {{upper-name:TppApp}}"

  # apim-surface §4.2: the duplicate check leaves out the application renamed.
  @rule:WSO2-DEVP-03
  Scenario: An application is renamed to its own name in another case
    Given the TPP "one" has created the application "TppApp"
    When the TPP "one" renames the application "TppApp" to its name in upper case
    Then the response status is 200
    And the response member "name" is the value "{{upper-name:TppApp}}"

  @rule:WSO2-DEVP-04
  Scenario: An application tier the API Manager does not define is refused
    When the TPP "one" creates the application "TppApp" with the tier "obc-NoSuchTier"
    Then the portal answers 400 with the error 900305 "The tier name is invalid." "The tier name is invalid"

  @rule:WSO2-DEVP-24
  Scenario Outline: An application body that is <case> is refused and creates nothing
    When the TPP "one" sends the application body '<body>'
    Then the portal answers 400 with the error 400 "Bad Request" "<description>"
    When the TPP "one" lists its applications
    Then the response member "count" is the JSON "0"

    Examples:
      | case          | body                                     | description                                                     |
      | not JSON      | {"name": "broken", "throttlingPolicy": | Malformed request body.                                         |
      | empty         |                                          | Request payload cannot be empty.                                |
      | a JSON list   | [{"name": "listed"}]                     | One or more request body parameters contain disallowed values. |
      | a JSON string | "TppApp"                                 | One or more request body parameters contain disallowed values. |

  @rule:WSO2-DEVP-24
  Scenario: An application sent as text/plain finds no resource and creates nothing
    When the TPP "one" sends the application body '{"name": "plain", "throttlingPolicy": "Unlimited"}' as "text/plain"
    Then the response status is 415
    When the TPP "one" lists its applications
    Then the response member "count" is the JSON "0"

  # RestApiCommonUtil.getPaginationParams: the next page starts after this one, the previous one a
  # limit before it (at 0 at the least); APPLICATIONS_GET_PAGINATION_URL names them.
  @rule:WSO2-DEVP-25
  Scenario: The applications list comes in pages that link to each other
    Given the TPP "one" has created the application "first"
    And the TPP "one" has created the application "second"
    And the TPP "one" has created the application "third"
    When the TPP "one" lists its applications 2 at a time from the offset 0
    Then the response status is 200
    And the response member "count" is the JSON "2"
    And the page of applications has offset 0, limit 2, total 3, next "offset=2&limit=2" and previous "none"
    When the TPP "one" lists its applications 2 at a time from the offset 2
    Then the response member "count" is the JSON "1"
    And the page of applications has offset 2, limit 2, total 3, next "none" and previous "offset=0&limit=2"
    When the TPP "one" lists its applications 1 at a time from the offset 1
    Then the page of applications has offset 1, limit 1, total 3, next "offset=2&limit=1" and previous "offset=0&limit=1"
    When the TPP "one" lists its applications 2 at a time from the offset 3
    Then the response member "count" is the JSON "0"
    And the page of applications has offset 3, limit 2, total 3, next "none" and previous "none"

  # apim-surface §4.2: the Application schema's bean validation (devportal-api.yaml), one error item per property.
  @rule:WSO2-DEVP-29
  Scenario Outline: An application <case> fails bean validation and is not created
    When the TPP "one" creates the application "Invalid" with:
      """
      <changes>
      """
    Then the response is the APIM error 400 "Bad Request" "Validation Error"
    And the APIM error lists "<code>" "<message>"
    When the TPP "one" lists its applications
    Then the response member "count" is the JSON "0"

    Examples:
      | case                   | changes                      | code                 | message                                                 |
      | without a name         | {"name": null}               | 400_name             | name: must not be null                                  |
      | with an empty name     | {"name": ""}                 | 400_name             | name: size must be between 1 and 100                    |
      | without a tier         | {"throttlingPolicy": null}   | 400_throttlingPolicy | throttlingPolicy: must not be null                      |
      | with an empty tier     | {"throttlingPolicy": ""}     | 400_throttlingPolicy | throttlingPolicy: size must be between 1 and 2147483647 |

  # devportal-api.yaml: name and throttlingPolicy are required (@NotNull), description is not.
  @rule:WSO2-DEVP-29
  Scenario Outline: An application without the member <member> fails bean validation as one with it null
    When the TPP "one" creates the application "Invalid" without the member "<member>"
    Then the response is the APIM error 400 "Bad Request" "Validation Error"
    And the APIM error lists "400_<member>" "<member>: must not be null"

    Examples:
      | member           |
      | name             |
      | throttlingPolicy |

  @rule:WSO2-DEVP-29
  Scenario: An application without a description, or with a null one, is created with none; a given one is kept
    When the TPP "one" creates the application "NoDescription" without the member "description"
    Then the response status is 201
    And the response member "description" is the JSON "null"
    When the TPP "one" creates the application "NullDescription" with:
      """
      {"description": null}
      """
    Then the response status is 201
    And the response member "description" is the JSON "null"
    When the TPP "one" creates the application "Described" with:
      """
      {"description": "Accounts for the sandbox"}
      """
    Then the response status is 201
    And the response member "description" is "Accounts for the sandbox"
    When the TPP "one" reads the application "Described"
    Then the response member "description" is "Accounts for the sandbox"

  @rule:WSO2-DEVP-29
  Scenario Outline: An application <member> of <length> characters is refused, one of <limit> is not
    When the TPP "one" creates the application "Long" with a <member> of <length> characters
    Then the response is the APIM error 400 "Bad Request" "Validation Error"
    And the APIM error lists "400_<member>" "<member>: size must be between <range>"
    When the TPP "one" creates the application "Long" with a <member> of <limit> characters
    Then the response status is 201

    Examples:
      | member      | length | limit | range      |
      | name        | 101    | 100   | 1 and 100  |
      | description | 513    | 512   | 0 and 512  |

  # apim-surface §4.2: the bounds are inclusive (name 1-100, throttlingPolicy at least 1 character,
  # which the tier check then looks up).
  @rule:WSO2-DEVP-29 @rule:WSO2-DEVP-04
  Scenario: A one-character name passes bean validation, and a one-character tier reaches the tier check
    When the TPP "one" creates the application "Short" with a name of 1 characters
    Then the response status is 201
    When the TPP "one" creates the application "OneCharTier" with:
      """
      {"throttlingPolicy": "X"}
      """
    Then the portal answers 400 with the error 900305 "The tier name is invalid." "The tier name is invalid"

  @rule:WSO2-DEVP-29
  Scenario: An application name with white space around it is refused
    When the TPP "one" creates the application "Spaced" with:
      """
      {"name": " {{unique:Spaced}} "}
      """
    Then the portal answers 400 with the error 400 "Bad Request" "Application name cannot contain leading or trailing white spaces"
    When the TPP "one" lists its applications
    Then the response member "count" is the JSON "0"

  # apim-surface §4.2: the read-only members and tokenType are accepted and ignored; the owner is the caller.
  @rule:WSO2-DEVP-29
  Scenario: An application body with every member of the schema creates the application as the caller's
    When the TPP "one" creates the application "Full" with:
      """
      {"applicationId": "chosen-by-the-tpp", "tokenType": "OAUTH", "status": "REJECTED", "groups": [], "subscriptionCount": 7,
       "keys": [], "attributes": {"purpose": "testing"}, "subscriptionScopes": [], "owner": "someone-else", "hashEnabled": true,
       "createdTime": "1", "updatedTime": "2"}
      """
    Then the response status is 201
    And the response member "owner" is the value "{{tpp:one}}"
    And the response member "status" is "APPROVED"
    And the response member "tokenType" is "JWT"
    And the response member "subscriptionCount" is the JSON "0"
    And the response member "attributes" is the JSON "{\"purpose\": \"testing\"}"
    And the response member "applicationId" is the value "{{app:Full}}"
    When the TPP "one" reads the application "Full"
    Then the response status is 200
    And the response member "owner" is the value "{{tpp:one}}"

  # apim-surface §4.2: query is an exact name; sortBy name, throttlingPolicy or status; sortOrder asc or desc.
  @rule:WSO2-DEVP-30
  Scenario: The applications list is searched by name and sorted as asked
    Given the TPP "one" has created the application "alpha"
    And the TPP "one" has created the application "bravo" with:
      """
      {"throttlingPolicy": "10PerMin"}
      """
    When the TPP "one" lists its applications with "query={{unique:bravo}}"
    Then the applications listed are "bravo" in that order
    When the TPP "one" lists its applications with "sortBy=name&sortOrder=asc"
    Then the applications listed are "alpha, bravo" in that order
    When the TPP "one" lists its applications with "sortBy=name&sortOrder=desc"
    Then the applications listed are "bravo, alpha" in that order
    When the TPP "one" lists its applications with "sortBy=throttlingPolicy"
    Then the applications listed are "bravo, alpha" in that order
    When the TPP "one" lists its applications
    Then the applications listed are "alpha, bravo" in that order
