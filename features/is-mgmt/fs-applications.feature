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

    Examples:
      | who                   |
      | without credentials   |
      | with a wrong password |
