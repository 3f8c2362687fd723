@NullMarked
package org.convene.identity.account.persistence;

import org.jspecify.annotations.NullMarked;
