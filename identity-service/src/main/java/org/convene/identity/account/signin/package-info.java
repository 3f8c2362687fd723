@NullMarked
package org.convene.identity.account.signin;

import org.jspecify.annotations.NullMarked;
