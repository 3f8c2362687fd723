@NullMarked
package org.convene.contracts.support;

import org.jspecify.annotations.NullMarked;
