// The login page: carries ?next= (the page that sent here) into the form, and puts the cursor in the password box.
(function () {
  var next = new URLSearchParams(window.location.search).get('next');
  if (next && /^\/console\/[a-z0-9-]*(\.html)?$/.test(next)) {
    document.getElementById('next').value = next;
  }
  var message = document.getElementById('login-message');
  (message ? document.getElementById('password') : document.getElementById('password')).focus();
})();
