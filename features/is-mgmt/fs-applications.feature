@surface:is-mgmt @needs:admin-api
Feature: Identity Server applications - what the fsKeyManager reads and patches (seed 000)

  After registering a client through IS DCR, the fsKeyManager looks up the Identity Server
  application behind it by client id, reads its advanced configurations, and for a regulatory
  application sets the application certificate.

  @rule:WSO2-ISMGMT-07
  Scenario: The fsKeyManager finds the application of a client by its client id
    Given the key manager has registered the IS DCR client "app"
    When the key manager searches the applications by the client id of "app"
    Then the search found only the application of "app"
    When the admin searches the applications by the name of "app"
    Then the search found only the application of "app"
    When the admin searches the applications with the filter "clientId eq {{unknown}}"
    Then the search found no application
    # ApplicationManagementConstants: issuer is a SAML application's; an OAuth application has none.
    When the admin searches the applications with the filter "issuer co {{unknown}}"
    Then the search found no application
    When the admin searches the applications for an issuer equal to the client id of "app"
    Then the search found no application

  @rule:WSO2-ISMGMT-08
  Scenario Outline: An application filter <what> is refused
    When the admin searches the applications with the filter "<filter>"
    Then the response status is 400
    And the response is the IS API error "APP-60004" "<message>" "<description>"

    Examples:
      | what                             | filter               | message                                                    | description                                                                                                                       |
      | without an operation and a value | clientId             | Invalid filter query format.                               | Filter needs to be in the format <attribute>+<operation>+<value>. Eg: name+eq+john                                                |
      | on an unsupported attribute      | owner eq admin       | Filtering using the attempted attribute is not supported. | Filtering cannot be done with the 'owner' attribute. Filtering is only supported with 'name', 'clientId', and 'issuer' attributes. |
      | with an unknown operation        | name gt {{unknown}}  | Attempted filtering operation is invalid.                  | Attempted filtering operation 'gt' is invalid. Please use one of the supported filtering operations such as 'eq', 'co', 'sw', 'ew', 'and', 'or'. |

  @rule:WSO2-ISMGMT-09
  Scenario: The fsKeyManager reads the application it found
    Given the key manager has registered the IS DCR client "app"
    And the key manager searches the applications by the client id of "app"
    And the search found only the application of "app"
    When the key manager reads the application of "app"
    Then the response status is 200
    And the response is the application of "app"
    # DCRMService makes the service provider of a DCR client no SaaS application (setSaasApp(false)).
    And the application is not a SaaS application

  # DCRMService.addSPProperties stores each additional attribute's value as its toString():
  # a JSON number or boolean as its text.
  @rule:WSO2-ISMGMT-09
  Scenario: The application lists the additional attributes of its registration as text
    When the key manager registers the IS DCR client "attributed" with the additional attributes:
      """
      {"regulatory": true, "sp_version": 2, "sp_label": "TPP"}
      """
    And the key manager searches the applications by the client id of "attributed"
    And the search found only the application of "attributed"
    When the key manager reads the application of "attributed"
    Then the response status is 200
    And the application has the SP property "regulatory" set to "true"
    And the application has the SP property "sp_version" set to "2"
    And the application has the SP property "sp_label" set to "TPP"

  @rule:WSO2-ISMGMT-09 @rule:WSO2-ISMGMT-10
  Scenario Outline: An application that does not exist is APP-60006 (<verb>)
    When the admin <verb> an application that does not exist
    Then the response status is 404
    And the response is the IS API error "APP-60006" "Application not found." "Application cannot be found for the provided id: {{no-such-app}} in the tenantDomain: carbon.super."

    Examples:
      | verb    |
      | reads   |
      | patches |

  @rule:WSO2-ISMGMT-10
  Scenario: The fsKeyManager sets the certificate of a regulatory application
    Given the key manager has registered the IS DCR client "regulatory-app"
    And the key manager searches the applications by the client id of "regulatory-app"
    And the search found only the application of "regulatory-app"
    When the key manager sets the certificate of the application of "regulatory-app" to the TPP's signing certificate
    Then the response status is 200
    And the application of "regulatory-app" has the TPP's signing certificate

  @rule:WSO2-ISMGMT-22
  Scenario Outline: A caller <who> cannot search the applications
    When a caller "<who>" searches the applications
    Then the response status is 401
    And the response header "WWW-Authenticate" starts with "Basic"

    Examples:
      | who                   |
      | without credentials   |
      | with a wrong password |

  @rule:WSO2-ISMGMT-23
  Scenario Outline: An application search <what> lists the applications
    Given the key manager has registered the IS DCR client "app"
    When the admin lists the applications with the query "<query>"
    Then the applications are listed from the first

    Examples:
      | what                         | query     |
      | without a filter             |           |
      | with an empty filter         | filter=   |
      | with a filter of white space | filter=%20 |

  @rule:WSO2-ISMGMT-24
  Scenario: The application search pages what it found
    Given the key manager has registered 3 IS DCR clients named after "page"
    When the admin searches the applications named after "page" with ""
    Then the search answers 3 of 3 applications from index 1
    And the search links to no page
    When the admin searches the applications named after "page" with "limit=2"
    Then the search answers 2 of 3 applications from index 1
    And the search links the next page with "offset=2&limit=2"
    And the search links no previous page
    When the admin searches the applications named after "page" with "offset=2&limit=2"
    Then the search answers 1 of 3 applications from index 3
    And the search links the previous page with "offset=0&limit=2"
    And the search links no next page
    When the admin searches the applications named after "page" with "offset=1&limit=2"
    Then the search answers 2 of 3 applications from index 2
    And the search links the previous page with "offset=0&limit=1"
    And the search links no next page
    When the admin searches the applications named after "page" with "offset=3"
    Then the search answers 0 of 3 applications from index 4
    And the search links the previous page with "offset=0&limit=3"
    When the admin searches the applications named after "page" with "offset=5&limit=2"
    Then the search answers 0 of 3 applications from index 6
    And the search links the previous page with "offset=1&limit=2"

  @rule:WSO2-ISMGMT-24
  Scenario: A listing without a filter links its next page without one
    Given the key manager has registered 2 IS DCR clients named after "page"
    When the admin lists the applications with the query "limit=1"
    Then the response status is 200
    And the search links the next page with exactly "offset=1&limit=1"

  @rule:WSO2-ISMGMT-24
  Scenario Outline: An application search with <what> pages from the start with the default size
    Given the key manager has registered 2 IS DCR clients named after "page"
    When the admin searches the applications named after "page" with "<query>"
    Then the search answers 2 of 2 applications from index 1

    Examples:
      | what              | query              |
      | a negative offset | offset=-1&limit=5  |
      | a limit of 0      | limit=0            |
      | a negative limit  | limit=-1           |

  @rule:WSO2-ISMGMT-25
  Scenario: The application of a DCR client is writable and links to itself
    Given the key manager has registered the IS DCR client "app"
    When the key manager searches the applications by the client id of "app"
    Then the search found only the application of "app"
    And the application found for "app" is writable and links to itself
    When the key manager reads the application of "app"
    Then the application of "app" is writable with its OAuth inbound protocol

  @rule:WSO2-ISMGMT-26
  Scenario: Deleting the OAuth client deletes its application
    Given the key manager has registered the IS DCR client "app"
    And the key manager searches the applications by the client id of "app"
    And the search found only the application of "app"
    When the key manager deletes the IS DCR client "app"
    And the key manager searches the applications by the client id of "app"
    Then the search found no application
    When the key manager reads the application of "app"
    Then the response is APP-60006 for the application of "app"

  @rule:WSO2-ISMGMT-27
  Scenario Outline: A PATCH <what> keeps the certificate
    Given the key manager has registered the IS DCR client "regulatory-app"
    And the key manager searches the applications by the client id of "regulatory-app"
    And the search found only the application of "regulatory-app"
    And the key manager sets the certificate of the application of "regulatory-app" to the TPP's signing certificate
    When the admin patches the application of "regulatory-app" with '<patch>'
    Then the response status is 200
    And the application of "regulatory-app" has the TPP's signing certificate

    Examples:
      | what                                 | patch                                                                    |
      | without advanced configurations      | {}                                                                       |
      | with null advanced configurations    | {"advancedConfigurations":null}                                          |
      | with empty advanced configurations   | {"advancedConfigurations":{}}                                            |
      | with a null certificate              | {"advancedConfigurations":{"certificate":null}}                          |
      | with a certificate of another type   | {"advancedConfigurations":{"certificate":{"type":"X509","value":"MIIB"}}} |
      | with a certificate without a type    | {"advancedConfigurations":{"certificate":{"value":"MIIB"}}}              |
      | with a certificate of a null type    | {"advancedConfigurations":{"certificate":{"type":null,"value":"MIIB"}}}  |
      | with a PEM certificate without value | {"advancedConfigurations":{"certificate":{"type":"PEM","value":null}}}   |

  # identity-api-server: a body Jackson cannot bind is JsonProcessingExceptionMapper's UE-10000, and
  # nothing is changed.
  @rule:WSO2-ISMGMT-27
  Scenario Outline: A PATCH <what> is refused as unreadable and keeps the certificate
    Given the key manager has registered the IS DCR client "regulatory-app"
    And the key manager searches the applications by the client id of "regulatory-app"
    And the search found only the application of "regulatory-app"
    And the key manager sets the certificate of the application of "regulatory-app" to the TPP's signing certificate
    When the admin patches the application of "regulatory-app" with '<patch>'
    Then the response status is 400
    And the response is the IS API error "UE-10000" "Invalid Request" "Provided request body content is not in the expected format."
    And the application of "regulatory-app" has the TPP's signing certificate

    Examples:
      | what                                            | patch                                                               |
      | whose advanced configurations are no object     | {"advancedConfigurations":"PEM"}                                    |
      | whose certificate is no object                  | {"advancedConfigurations":{"certificate":"PEM"}}                    |
      | whose certificate value is no string            | {"advancedConfigurations":{"certificate":{"type":"PEM","value":{}}}} |

  # UpdateAdvancedConfigurations.updateCertificate: a JWKS certificate sets the application's JWKS URI
  # and clears its PEM content; the application then answers the JWKS certificate.
  @rule:WSO2-ISMGMT-27
  Scenario: A PATCH with a JWKS certificate replaces the PEM one
    Given the key manager has registered the IS DCR client "regulatory-app"
    And the key manager searches the applications by the client id of "regulatory-app"
    And the search found only the application of "regulatory-app"
    And the key manager sets the certificate of the application of "regulatory-app" to the TPP's signing certificate
    When the admin patches the application of "regulatory-app" with '{"advancedConfigurations":{"certificate":{"type":"JWKS","value":"https://tpp.example/jwks.json"}}}'
    Then the response status is 200
    And the application of "regulatory-app" has the certificate '{"type":"JWKS","value":"https://tpp.example/jwks.json"}'

  # JsonProcessingExceptionMapper answers every body Jackson cannot read as the model alike.
  @rule:WSO2-ISMGMT-27
  Scenario Outline: A PATCH body that is <what> is refused as unreadable and keeps the certificate
    Given the key manager has registered the IS DCR client "regulatory-app"
    And the key manager searches the applications by the client id of "regulatory-app"
    And the search found only the application of "regulatory-app"
    And the key manager sets the certificate of the application of "regulatory-app" to the TPP's signing certificate
    When the admin patches the application of "regulatory-app" with the Content-Type "application/json" and the body '<body>'
    Then the response status is 400
    And the response is the IS API error "UE-10000" "Invalid Request" "Provided request body content is not in the expected format."
    And the application of "regulatory-app" has the TPP's signing certificate

    Examples:
      | what        | body                        |
      | not JSON    | {"advancedConfigurations":  |
      | a JSON list | []                          |

  # JAX-RS: a resource that consumes application/json refuses another media type with 415.
  @rule:WSO2-ISMGMT-27
  Scenario: A PATCH of another media type is refused with 415 and keeps the certificate
    Given the key manager has registered the IS DCR client "regulatory-app"
    And the key manager searches the applications by the client id of "regulatory-app"
    And the search found only the application of "regulatory-app"
    And the key manager sets the certificate of the application of "regulatory-app" to the TPP's signing certificate
    When the admin patches the application of "regulatory-app" with the Content-Type "text/plain" and the body '{}'
    Then the response status is 415
    And the application of "regulatory-app" has the TPP's signing certificate

  @rule:WSO2-ISMGMT-28
  Scenario Outline: An application API error carries a trace id (<what>)
    When the admin searches the applications with the filter "<filter>"
    Then the response status is 400
    And the IS API error carries a trace id

    Examples:
      | what                  | filter              |
      | filter format         | clientId            |
      | unsupported attribute | owner eq admin      |
      | unknown operation     | name gt {{unknown}} |

  @rule:WSO2-ISMGMT-28
  Scenario: An unknown application's APP-60006 carries a trace id
    When the admin reads an application that does not exist
    Then the response status is 404
    And the IS API error carries a trace id
