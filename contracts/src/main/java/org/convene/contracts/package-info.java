@NullMarked
package org.convene.contracts;

import org.jspecify.annotations.NullMarked;
