/*
 * Baedal's additions to Camunda Tasklist, an AngularJS module loaded through config.js (requireJsConfig):
 *
 * 1. Oldest first by default. Tasklist sorts a filter's list by the URL's `sorting` and falls back to newest first;
 *    owners and riders work their orders oldest first. Without a sorting in the URL this puts "Created, ascending"
 *    there before the list loads, so the list and the sort control agree, and changing the control changes the list.
 * 2. The task's card on the list: the task description (what the owner or rider acts on, written by the engine),
 *    shown on every card without expanding it.
 * 3. The next step after Complete: Tasklist looks for the user's tasks of the same order and offers them in a
 *    notification; when there is one, it is opened right away (start cooking after accepting, confirm delivery after
 *    picking up). Otherwise the owner or rider is back on the list.
 * 4. Text searches stay text: a task name or description searched by digits alone (the digits of an order number)
 *    is not taken for a number.
 */
define(['angular'], function (angular) {
  'use strict';

  var OLDEST_FIRST = JSON.stringify([{sortBy: 'created', sortOrder: 'asc'}]);

  var baedal = angular.module('baedal.tasklist', []);

  baedal.config(['ViewsProvider', function (ViewsProvider) {
    ViewsProvider.registerDefaultView('tasklist.card', {
      id: 'baedal-task-card',
      priority: 300, // above the variables of the card (200)
      template: '<div class="baedal-task-card" ng-if="task.description">{{ task.description }}</div>',
      controller: angular.noop
    });
  }]);

  baedal.run(['$rootScope', '$location', function ($rootScope, $location) {
    function oldestFirstByDefault() {
      if ($location.path() === '/' && !$location.search().sorting) {
        $location.search('sorting', OLDEST_FIRST).replace();
      }
    }
    // registered before Tasklist's own views exist, so this runs before they read the URL
    $rootScope.$on('$routeChangeSuccess', oldestFirstByDefault);
    $rootScope.$on('$routeUpdate', oldestFirstByDefault);
  }]);

  baedal.decorator('assignNotification', ['$delegate', '$location', '$rootScope', 'camAPI',
    function (notifyAboutNextTasks, $location, $rootScope, camAPI) {
      var tasks = camAPI.resource('task');
      return function (completed) {
        notifyAboutNextTasks(completed);
        if (!completed || !completed.assignee || !completed.processInstanceId) {
          return;
        }
        tasks.list({
          assignee: completed.assignee,
          processInstanceId: completed.processInstanceId,
          sortBy: 'created',
          sortOrder: 'asc',
          maxResults: 1
        }, function (error, found) {
          var next = !error && found && found._embedded && found._embedded.task && found._embedded.task[0];
          $rootScope.$evalAsync(function () {
            // unless the user opened another task meanwhile
            if (next && !$location.search().task) {
              $location.search('task', next.id);
            }
          });
        });
      };
    }]);

  // Tasklist's search reads a value that looks like a number (12345678, 1E345678) as one, and a number cannot be
  // matched against text: the pill turns invalid and the list stays unfiltered. Names and descriptions are text;
  // searching them keeps the value as typed, so the digits of an order number find it too.
  var TEXT_SEARCHES = ['name', 'description'];
  baedal.decorator('camWidgetSearchDirective', ['$delegate', function ($delegate) {
    var search = $delegate[0];
    var compile = search.compile;
    search.compile = function () {
      var link = compile.apply(this, arguments);
      var post = typeof link === 'function' ? link : link && link.post;
      var textOnly = function (scope) {
        angular.forEach(scope.types, function (type) {
          if (type && type.id && TEXT_SEARCHES.indexOf(type.id.key) >= 0) {
            type.enforceString = true;
          }
        });
        return post && post.apply(this, arguments);
      };
      return typeof link === 'function' ? textOnly : {pre: link && link.pre, post: textOnly};
    };
    return $delegate;
  }]);

  return baedal;
});
