@NullMarked
package org.convene.contracts.organisations;

import org.jspecify.annotations.NullMarked;
