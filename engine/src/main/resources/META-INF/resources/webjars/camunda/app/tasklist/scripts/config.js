/*
 * Baedal's Tasklist configuration (replaces Camunda's scripts/config.js, see
 * https://docs.camunda.org/manual/latest/webapps/tasklist/configuration/).
 */
export default {
  // the header, the page title and the login page say Baedal Tasklist
  app: {
    name: 'Tasklist',
    vendor: 'Baedal'
  },
  // baedal-tasklist.js: oldest first by default, the task's card on the list, the next step after Complete, text
  // searches that stay text
  requireJsConfig: {
    deps: ['baedal-tasklist'],
    ngDeps: ['baedal.tasklist'],
    paths: {
      'baedal-tasklist': 'scripts/baedal-tasklist'
    }
  },
  // Camunda's shortcuts without "start process" (that action is excluded on index.html)
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    }
  }
};
