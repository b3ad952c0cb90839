@surface:discovery @needs:oauth-authorization-server-metadata
Feature: OAuth 2.0 Authorization Server Metadata (RFC 8414)

  @rule:DISC-04
  Scenario: The RFC 8414 document carries the issuer and the required members
    When the client fetches the RFC 8414 authorization server metadata
    Then the response status is 200
    And the response Content-Type is "application/json"
    And the issuer is identical to the URL the document was fetched for
    And the document has the member "response_types_supported"
    And the document has the member "token_endpoint"
    And the document has the member "authorization_endpoint"
    And the document has the member "jwks_uri"
