@surface:tls
Feature: Transport security and mutual TLS
  Every WSO2 surface is HTTPS, and the Open Banking DCR API is secured by mutual TLS with the
  TPP's transport certificate (seed 004).

  @rule:WSO2-TLS-01
  Scenario Outline: The <listener> listener's certificate chain validates against the target CA
    When the harness opens a TLS connection to the <listener> listener trusting only the target CA
    Then the server certificate is trusted for the listener's host name

    Examples:
      | listener |
      | is       |
      | apim     |
      | gateway  |

  @rule:WSO2-TLS-01
  Scenario: A client that trusts only another CA refuses the server certificate
    When the harness opens a TLS connection to the is listener trusting only an unrelated CA
    Then the TLS connection is refused as untrusted

  @rule:WSO2-TLS-02 @rule:DCR-REQ-36 @needs:mtls
  Scenario: Open Banking registration without a client certificate is refused
    When the client without a certificate posts a registration request to the Open Banking registration endpoint
    Then the response status is 401
    And the response is an OAuth error "unauthorized"
    And in the WSO2 dialect the error description is "Certificate not found in the request"

  @rule:WSO2-TLS-03 @needs:mtls
  Scenario: Open Banking registration with a certificate from an untrusted CA is refused
    When the client with the untrusted certificate posts a registration request to the Open Banking registration endpoint
    Then the response status is 401
    And the response is an OAuth error "unauthorized"
    And in the WSO2 dialect the error description is "Invalid client certificate: certificate is not issued by a trusted certificate authority"

  @rule:WSO2-TLS-04 @needs:mtls @needs:client-certificate-header
  Scenario: Behind the proxy, a certificate header that is not a certificate is refused as such
    When the client posts a registration request to the Open Banking registration endpoint with a certificate header that is not a certificate
    Then the response status is 401
    And the response is an OAuth error "unauthorized"
    And in the WSO2 dialect the error description is "Error parsing the certificate from the header"
