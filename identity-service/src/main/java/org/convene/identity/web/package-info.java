@NullMarked
package org.convene.identity.web;

import org.jspecify.annotations.NullMarked;
