@surface:devportal @needs:apim
Feature: The Developer Portal's settings, anonymous or signed in
  `GET /settings` is one of the portal's anonymous resources (apim-surface §1.2); what it gives
  depends on whether the caller signed in (carbon-apimgt SettingsMappingUtil: the grant types and
  the gateway endpoint only for a user).

  @rule:WSO2-DEVP-35
  Scenario: Anonymous settings give no grant types and no gateway endpoint
    When anyone reads the Developer Portal settings
    Then the response status is 200
    And the settings give no grant types and no gateway endpoint

  @rule:WSO2-DEVP-35
  Scenario: A signed-in TPP's settings give the grant types and the gateway endpoint
    Given the TPP "tpp" has signed up in the Developer Portal
    When the TPP "tpp" reads the Developer Portal settings
    Then the response status is 200
    And the settings give the grant types, "client_credentials" among them, and a gateway endpoint
