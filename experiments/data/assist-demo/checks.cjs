// javascript assertions of the assist demo, as promptfoo loads them: file://assist-demo/checks.cjs:<name>.
// CommonJS, so promptfoo and Quiver load the same module whatever the package type.

/** The extraction holds exactly `context.config.count` dates. */
function dateCount(output, context) {
  try {
    return JSON.parse(output).dates.length === context.config.count;
  } catch {
    return false;
  }
}

/** The extraction's e-mail list is exactly the test's `email` var. */
function emailIsVar(output, context) {
  try {
    const emails = JSON.parse(output).emails;
    return emails.length === 1 && emails[0] === context.vars.email;
  } catch {
    return false;
  }
}

/** A policy answer: a verdict word, then the rule applied (at least five words). */
function verdictWithRule(output) {
  const m = /^(Yes|No)\. (.+)$/.exec(output);
  return m !== null && m[2].split(/\s+/).length >= 5;
}

module.exports = { dateCount, emailIsVar, verdictWithRule };
