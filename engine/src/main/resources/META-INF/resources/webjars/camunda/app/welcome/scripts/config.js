/*
 * Baedal's Welcome configuration (replaces Camunda's empty scripts/config.js): the header and the page title say
 * Baedal Welcome.
 */
export default {
  app: {
    vendor: 'Baedal'
  }
};
