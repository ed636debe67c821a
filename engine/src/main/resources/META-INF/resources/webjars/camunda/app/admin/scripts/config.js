/*
 * Baedal's Admin configuration (replaces Camunda's empty scripts/config.js): the header and the page title say
 * Baedal Admin.
 */
export default {
  app: {
    vendor: 'Baedal'
  }
};
