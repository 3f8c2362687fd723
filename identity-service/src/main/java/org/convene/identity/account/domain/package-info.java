@NullMarked
package org.convene.identity.account.domain;

import org.jspecify.annotations.NullMarked;
