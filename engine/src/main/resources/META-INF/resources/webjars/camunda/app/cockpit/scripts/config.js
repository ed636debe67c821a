/*
 * Baedal's Cockpit configuration (replaces Camunda's empty scripts/config.js): the header and the page title say
 * Baedal Cockpit.
 */
export default {
  app: {
    vendor: 'Baedal'
  }
};
